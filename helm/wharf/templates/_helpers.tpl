{{/* Chart name, overridable. */}}
{{- define "wharf.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource name prefix: <release>-wharf unless the release name already contains it. */}}
{{- define "wharf.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's resources: (dict "root" $ "component" "gateway-ftp"). */}}
{{- define "wharf.componentName" -}}
{{- printf "%s-%s" (include "wharf.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select one component's pods (never change: selectors are immutable). */}}
{{- define "wharf.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wharf.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Standard labels of every resource of one component. */}}
{{- define "wharf.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "wharf.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: wharf
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Image of one component. */}}
{{- define "wharf.image" -}}
{{- $img := .root.Values.image -}}
{{- printf "%s/%s%s:%s" $img.registry $img.repositoryPrefix .component (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}

{{/* Base URL of a service inside the cluster. */}}
{{- define "wharf.serviceUrl" -}}
{{- printf "http://%s:8080" (include "wharf.componentName" .) -}}
{{- end -}}

{{/* Name of the Secret holding the FTPS certificate. */}}
{{- define "wharf.tlsSecret" -}}
{{- if .Values.tls.certManager.enabled -}}
{{- printf "%s-tls" (include "wharf.fullname" .) -}}
{{- else -}}
{{- required "tls.existingSecret (or tls.certManager.enabled) is required: the FTPS listeners need a certificate" .Values.tls.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret holding the SSH host keys. */}}
{{- define "wharf.hostKeySecret" -}}
{{- if .Values.sshHostKeys.existingSecret -}}
{{- .Values.sshHostKeys.existingSecret -}}
{{- else if .Values.sshHostKeys.generate -}}
{{- printf "%s-ssh-host-keys" (include "wharf.fullname" .) -}}
{{- else -}}
{{- fail "sshHostKeys.existingSecret is required when sshHostKeys.generate is false" -}}
{{- end -}}
{{- end -}}

{{/* Pod-level settings shared by every component: (dict "root" $ "component" "x" "values" .Values.x). */}}
{{- define "wharf.podCommon" -}}
serviceAccountName: {{ if .root.Values.serviceAccount.create }}{{ include "wharf.componentName" . }}{{ else }}default{{ end }}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .root.Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
affinity:
{{- if .values.affinity }}
  {{- toYaml .values.affinity | nindent 2 }}
{{- else }}
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "wharf.selectorLabels" . | nindent 14 }}
{{- end }}
{{- end -}}

{{/* Image and security context of any container of a component (init containers too). */}}
{{- define "wharf.containerBase" -}}
image: {{ include "wharf.image" . }}
imagePullPolicy: {{ .root.Values.image.pullPolicy }}
securityContext:
  {{- toYaml .root.Values.containerSecurityContext | nindent 2 }}
{{- end -}}

{{/* Container-level settings shared by every component's main container: image, security, probes, resources. */}}
{{- define "wharf.containerCommon" -}}
{{ include "wharf.containerBase" . }}
resources:
  {{- toYaml .values.resources | nindent 2 }}
startupProbe:
  httpGet: {path: /q/health/started, port: http}
  periodSeconds: {{ .root.Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet: {path: /q/health/live, port: http}
  periodSeconds: {{ .root.Values.probes.liveness.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.liveness.failureThreshold }}
  timeoutSeconds: {{ .root.Values.probes.liveness.timeoutSeconds }}
readinessProbe:
  httpGet: {path: /q/health/ready, port: http}
  periodSeconds: {{ .root.Values.probes.readiness.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.readiness.failureThreshold }}
  timeoutSeconds: {{ .root.Values.probes.readiness.timeoutSeconds }}
{{- end -}}

{{/* Environment shared by every component: HTTP port, audit. */}}
{{- define "wharf.commonEnv" -}}
- name: QUARKUS_HTTP_PORT
  value: "8080"
- name: QUARKUS_HTTP_HOST
  value: "0.0.0.0"
- name: WHARF_AUDIT_ENABLED
  value: {{ .Values.audit.enabled | quote }}
- name: WHARF_AUDIT_BOOTSTRAP_SERVERS
  value: {{ .Values.audit.bootstrapServers | quote }}
- name: WHARF_AUDIT_TOPIC
  value: {{ .Values.audit.topic | quote }}
- name: WHARF_STATE_BOOTSTRAP_SERVERS
  value: {{ .Values.audit.bootstrapServers | quote }}
{{- if .Values.javaOpts }}
- name: JAVA_OPTS_APPEND
  value: {{ printf "-Dcom.sun.net.ssl.requireCloseNotify=true -Djava.util.logging.manager=org.jboss.logmanager.LogManager -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError %s" .Values.javaOpts | quote }}
{{- end }}
{{- end -}}

{{/* Volume mounts shared by every component: /tmp, audit producer settings, Kafka CA. */}}
{{- define "wharf.commonMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.audit.producerConfigSecret }}
# Quarkus reads $PWD/config/application.properties (ordinal 260): the audit producer's SASL/TLS settings
- name: audit-config
  mountPath: /deployments/config/application.properties
  subPath: {{ .Values.audit.producerConfigKey }}
  readOnly: true
{{- end }}
{{- if .Values.audit.caSecret }}
- name: kafka-ca
  mountPath: /etc/wharf/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* Volumes backing wharf.commonMounts. */}}
{{- define "wharf.commonVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- if .Values.audit.producerConfigSecret }}
- name: audit-config
  secret:
    secretName: {{ .Values.audit.producerConfigSecret }}
    defaultMode: 0440
{{- end }}
{{- if .Values.audit.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.audit.caSecret }}
    defaultMode: 0440
{{- end }}
{{- end -}}

{{/* Public FTP control ports, mapped to the container's unprivileged listeners. */}}
{{- define "wharf.ftpControlPorts" -}}
- {name: ftp-explicit, port: {{ .Values.gatewayFtp.ports.explicit }}, targetPort: ftp-explicit, protocol: TCP}
- {name: ftp-explicit2, port: {{ .Values.gatewayFtp.ports.explicitAlt }}, targetPort: ftp-explicit2, protocol: TCP}
- {name: ftps-implicit, port: {{ .Values.gatewayFtp.ports.implicit }}, targetPort: ftps-implicit, protocol: TCP}
- {name: ftps-implicit2, port: {{ .Values.gatewayFtp.ports.implicitAlt }}, targetPort: ftps-implicit2, protocol: TCP}
{{- end -}}

{{/* Annotations of a public gateway Service: global, per-address, and PROXY protocol when enabled. */}}
{{- define "wharf.publicAnnotations" -}}
{{- $ann := merge (dict) (default (dict) .lb.annotations) .root.Values.gateways.annotations (ternary .root.Values.gateways.proxyProtocol.annotations (dict) .root.Values.gateways.proxyProtocol.enabled) -}}
{{- with $ann }}
{{- toYaml . }}
{{- end }}
{{- end -}}

{{- define "wharf.np.peerRule" -}}
{{- /* an egress rule to the given peers (all destinations when none) on the given ports */ -}}
- ports:
  {{- range .ports }}
    - {port: {{ . }}, protocol: TCP}
  {{- end }}
  {{- with .peers }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- define "wharf.np.dns" -}}
- ports:
    - {port: 53, protocol: UDP}
    - {port: 53, protocol: TCP}
{{- end }}

{{/* Keycloak settings of identity-service and policy-service (which reads site settings from realm attributes). */}}
{{- define "wharf.keycloakEnv" -}}
- name: WHARF_KEYCLOAK_URL
  value: {{ .Values.keycloak.url | quote }}
- name: WHARF_KEYCLOAK_ADMIN_REALM
  value: {{ .Values.keycloak.adminRealm | quote }}
- name: WHARF_KEYCLOAK_ADMIN_USER
  valueFrom:
    secretKeyRef:
      name: {{ required "keycloak.existingSecret is required" .Values.keycloak.existingSecret }}
      key: {{ .Values.keycloak.usernameKey }}
- name: WHARF_KEYCLOAK_ADMIN_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.keycloak.existingSecret }}
      key: {{ .Values.keycloak.passwordKey }}
{{- end -}}

{{/* PROXY protocol from the load balancer's ranges: prefix is FTP or SFTP. */}}
{{- define "wharf.proxyProtocolEnv" -}}
{{- if .root.Values.gateways.proxyProtocol.enabled }}
- name: WHARF_{{ .prefix }}_PROXY_PROTOCOL_TRUSTED_CIDRS
  value: {{ join "," .root.Values.gateways.proxyProtocol.trustedCidrs | quote }}
- name: WHARF_{{ .prefix }}_PROXY_PROTOCOL_REQUIRED
  value: "true"
{{- end }}
{{- end -}}

{{/* How long a gateway lets transfers finish on shutdown: what drainSeconds leaves after 5 s to close sessions. */}}
{{- define "wharf.shutdownEnv" -}}
- name: WHARF_{{ .prefix }}_SHUTDOWN_DEADLINE
  value: {{ printf "PT%dS" (max 1 (sub (int .root.Values.gateways.drainSeconds) 5)) | quote }}
{{- end -}}

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
{{- printf "%s://%s:8080" (ternary "https" "http" (.root.Values.internalTls.enabled)) (include "wharf.componentName" .) -}}
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
  httpGet: {path: /q/health/started, port: http{{ if include "wharf.servesTls" . }}, scheme: HTTPS{{ end }}}
  periodSeconds: {{ .root.Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet: {path: /q/health/live, port: http{{ if include "wharf.servesTls" . }}, scheme: HTTPS{{ end }}}
  periodSeconds: {{ .root.Values.probes.liveness.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.liveness.failureThreshold }}
  timeoutSeconds: {{ .root.Values.probes.liveness.timeoutSeconds }}
readinessProbe:
  httpGet: {path: /q/health/ready, port: http{{ if include "wharf.servesTls" . }}, scheme: HTTPS{{ end }}}
  periodSeconds: {{ .root.Values.probes.readiness.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.readiness.failureThreshold }}
  timeoutSeconds: {{ .root.Values.probes.readiness.timeoutSeconds }}
{{- end -}}

{{/* Environment shared by every component: HTTP port (TLS with internalTls), audit, trust of the internal CA. */}}
{{- define "wharf.commonEnv" -}}
{{- $v := .root.Values -}}
{{- if include "wharf.servesTls" . }}
# HTTPS on the same port; plain HTTP is not opened at all
- name: QUARKUS_HTTP_SSL_PORT
  value: "8080"
- name: QUARKUS_HTTP_INSECURE_REQUESTS
  value: disabled
- name: QUARKUS_HTTP_SSL_CERTIFICATE_FILES
  value: /etc/wharf/internal-tls/tls.crt
- name: QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES
  value: /etc/wharf/internal-tls/tls.key
{{- else }}
- name: QUARKUS_HTTP_PORT
  value: "8080"
{{- end }}
- name: QUARKUS_HTTP_HOST
  value: "0.0.0.0"
- name: WHARF_AUDIT_ENABLED
  value: {{ $v.audit.enabled | quote }}
- name: WHARF_AUDIT_BOOTSTRAP_SERVERS
  value: {{ $v.audit.bootstrapServers | quote }}
- name: WHARF_AUDIT_TOPIC
  value: {{ $v.audit.topic | quote }}
- name: WHARF_STATE_BOOTSTRAP_SERVERS
  value: {{ $v.audit.bootstrapServers | quote }}
- name: WHARF_AUDIT_SPOOL_DIRECTORY
  value: /var/lib/wharf/audit-spool
- name: WHARF_AUDIT_SPOOL_MAX_SIZE
  value: {{ $v.audit.spool.maxSize | int64 | quote }}
{{- if $v.tracing.endpoint }}
- name: WHARF_TRACING_ENDPOINT
  value: {{ $v.tracing.endpoint | quote }}
{{- end }}
{{- if include "wharf.trustsInternalCa" . }}
# the JDK's own CAs plus the internal CA (built by the truststore init container): the services' HTTP clients
# use the JVM's default trust, and Keycloak or S3 keep their public certificates
- name: JAVA_TOOL_OPTIONS
  value: "-Djavax.net.ssl.trustStore=/etc/wharf/truststore/cacerts.p12 -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=changeit"
{{- end }}
{{- if $v.javaOpts }}
- name: JAVA_OPTS_APPEND
  value: {{ printf "-Dcom.sun.net.ssl.requireCloseNotify=true -Djava.util.logging.manager=org.jboss.logmanager.LogManager -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError %s" $v.javaOpts | quote }}
{{- end }}
{{- end -}}

{{/* Volume mounts shared by every component: /tmp, audit producer settings, Kafka CA, internal TLS. */}}
{{- define "wharf.commonMounts" -}}
{{- $v := .root.Values -}}
- name: tmp
  mountPath: /tmp
- name: audit-spool
  mountPath: /var/lib/wharf/audit-spool
{{- if $v.audit.producerConfigSecret }}
# Quarkus reads $PWD/config/application.properties (ordinal 260): the audit producer's SASL/TLS settings
- name: audit-config
  mountPath: /deployments/config/application.properties
  subPath: {{ $v.audit.producerConfigKey }}
  readOnly: true
{{- end }}
{{- if $v.audit.caSecret }}
- name: kafka-ca
  mountPath: /etc/wharf/kafka-ca
  readOnly: true
{{- end }}
{{- if include "wharf.servesTls" . }}
- name: internal-tls
  mountPath: /etc/wharf/internal-tls
  readOnly: true
{{- end }}
{{- if include "wharf.trustsInternalCa" . }}
- name: truststore
  mountPath: /etc/wharf/truststore
  readOnly: true
{{- end }}
{{- end -}}

{{/* Volumes backing wharf.commonMounts. */}}
{{- define "wharf.commonVolumes" -}}
{{- $v := .root.Values -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ $v.tmpSizeLimit }}
{{- if not (include "wharf.spoolClaim" .) }}
# the audit spool's fallback: kept across container restarts, lost with the pod (values: audit.spool.persistence)
- name: audit-spool
  emptyDir:
    sizeLimit: {{ $v.audit.spool.emptyDirSizeLimit }}
{{- end }}
{{- if $v.audit.producerConfigSecret }}
- name: audit-config
  secret:
    secretName: {{ $v.audit.producerConfigSecret }}
    defaultMode: 0440
{{- end }}
{{- if $v.audit.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ $v.audit.caSecret }}
    defaultMode: 0440
{{- end }}
{{- if include "wharf.servesTls" . }}
- name: internal-tls
  secret:
    secretName: {{ include "wharf.internalTlsSecret" . }}
    defaultMode: 0440
    # the service's own certificate and key only
    items:
      - {key: tls.crt, path: tls.crt}
      - {key: tls.key, path: tls.key}
{{- end }}
{{- if include "wharf.trustsInternalCa" . }}
- name: internal-ca
  secret:
    # every service certificate comes from the same CA: identity-service's Secret gives it, and only its CA
    secretName: {{ include "wharf.internalTlsSecret" (dict "root" .root "component" "identity-service") }}
    defaultMode: 0444
    items:
      - {key: {{ $v.internalTls.caKey }}, path: ca.crt}
- name: truststore
  emptyDir:
    medium: Memory
    sizeLimit: 2Mi
{{- end }}
{{- end -}}

{{/* Whether a component's audit spool is a claim per replica: only StatefulSets (gateway-ftp) have them. */}}
{{- define "wharf.spoolClaim" -}}
{{- if and (eq .component "gateway-ftp") .root.Values.audit.spool.persistence.enabled -}}true{{- end -}}
{{- end -}}

{{/* Whether a component calls the services (gateways: all three; storage-service: identity's grant keys). */}}
{{- define "wharf.trustsInternalCa" -}}
{{- if and .root.Values.internalTls.enabled (has .component (list "gateway-ftp" "gateway-sftp" "gateway-web" "storage-service")) -}}
true
{{- end -}}
{{- end -}}

{{/* Init container writing the JDK's CAs plus the internal CA into a PKCS#12 truststore (when internalTls is on). */}}
{{- define "wharf.truststoreInit" -}}
{{- if include "wharf.trustsInternalCa" . }}
- name: truststore
  {{- include "wharf.containerBase" . | nindent 2 }}
  resources:
    requests: {cpu: 50m, memory: 64Mi}
    limits: {memory: 128Mi}
  command:
    - /bin/sh
    - -c
    - >-
      cp "${JAVA_HOME:-/usr/lib/jvm/jre}/lib/security/cacerts" /etc/wharf/truststore/cacerts.p12 &&
      keytool -importcert -noprompt -alias wharf-internal-ca -file /etc/wharf/internal-ca/ca.crt
      -keystore /etc/wharf/truststore/cacerts.p12 -storetype PKCS12 -storepass changeit
  volumeMounts:
    - name: internal-ca
      mountPath: /etc/wharf/internal-ca
      readOnly: true
    - name: truststore
      mountPath: /etc/wharf/truststore
{{- end }}
{{- end -}}

{{/* Public FTP control ports, mapped to the container's unprivileged listeners. */}}
{{- define "wharf.ftpControlPorts" -}}
- {name: ftp-explicit, port: {{ .Values.gatewayFtp.ports.explicit }}, targetPort: ftp-explicit, protocol: TCP}
- {name: ftp-explicit2, port: {{ .Values.gatewayFtp.ports.explicitAlt }}, targetPort: ftp-explicit2, protocol: TCP}
- {name: ftps-implicit, port: {{ .Values.gatewayFtp.ports.implicit }}, targetPort: ftps-implicit, protocol: TCP}
- {name: ftps-implicit2, port: {{ .Values.gatewayFtp.ports.implicitAlt }}, targetPort: ftps-implicit2, protocol: TCP}
{{- end -}}

{{/* Annotations of a public gateway Service: global, per-address, and PROXY protocol when enabled: (dict "root" $ "lb" $lb "component" c). */}}
{{- define "wharf.publicAnnotations" -}}
{{- $proxy := .root.Values.gateways.proxyProtocol.enabled -}}
{{- if eq (default "" .component) "gateway-web" -}}
{{- $proxy = eq (include "wharf.webProxyProtocol" .root) "true" -}}
{{- end -}}
{{- $ann := merge (dict) (default (dict) .lb.annotations) .root.Values.gateways.annotations (ternary .root.Values.gateways.proxyProtocol.annotations (dict) $proxy) -}}
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

{{/* Name of the Secret holding the gateways' client secret and the grant signing keys. */}}
{{- define "wharf.platformCredentialsSecret" -}}
{{- default (printf "%s-platform-credentials" (include "wharf.fullname" .)) .Values.platformCredentials.existingSecret -}}
{{- end -}}

{{/* The gateways' Keycloak client credentials: (dict "root" $ "env" "WHARF_SERVICES_CREDENTIAL" or "WHARF_IDENTITY_GATEWAYS"). */}}
{{- define "wharf.gatewayClientEnv" -}}
{{- $pc := .root.Values.platformCredentials -}}
- name: {{ .env }}_CLIENT_ID
  value: {{ $pc.gatewayClientId | quote }}
- name: {{ .env }}_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "wharf.platformCredentialsSecret" .root }}
      key: {{ $pc.gatewayClientSecretKey }}
{{- end -}}

{{/* A gateway's service credential: the client above plus the admin realm's token endpoint. */}}
{{- define "wharf.gatewayCredentialEnv" -}}
{{ include "wharf.gatewayClientEnv" (dict "root" . "env" "WHARF_SERVICES_CREDENTIAL") }}
- name: WHARF_SERVICES_CREDENTIAL_TOKEN_URL
  value: {{ printf "%s/realms/%s/protocol/openid-connect/token" (trimSuffix "/" .Values.keycloak.url) .Values.keycloak.adminRealm | quote }}
{{- end -}}

{{/* Whether a component serves its HTTP over TLS (internalTls: the three services, not the gateways). */}}
{{- define "wharf.servesTls" -}}
{{- if and .root.Values.internalTls.enabled (has .component (list "identity-service" "policy-service" "storage-service")) -}}
true
{{- end -}}
{{- end -}}

{{/* Name of the Secret with a service's internal certificate: (dict "root" $ "component" "identity-service"). */}}
{{- define "wharf.internalTlsSecret" -}}
{{- if .root.Values.internalTls.certManager.enabled -}}
{{- printf "%s-tls" (include "wharf.componentName" .) -}}
{{- else -}}
{{- required "internalTls.existingSecret (or internalTls.certManager.enabled) is required with internalTls.enabled" .root.Values.internalTls.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* Paths of the grant signing key files in identity-service, comma-separated, the signing one first. */}}
{{- define "wharf.grantKeyFiles" -}}
{{- $files := list -}}
{{- range .Values.platformCredentials.grantSigningKeyKeys -}}
{{- $files = append $files (printf "/etc/wharf/grants/%s" .) -}}
{{- end -}}
{{- join "," $files -}}
{{- end -}}


{{/* Whether gateway-web's HTTPS port reads PROXY headers: with gateways.proxyProtocol, unless an Ingress controller
     (which sends none) also connects to it. */}}
{{- define "wharf.webProxyProtocol" -}}
{{- if and .Values.gateways.proxyProtocol.enabled (not .Values.gatewayWeb.ingress.enabled) -}}true{{- end -}}
{{- end -}}

{{/* gateway-web's trusted proxies: its own list plus, with PROXY protocol on its port, the balancers' ranges. */}}
{{- define "wharf.webTrustedCidrs" -}}
{{- $cidrs := .Values.gatewayWeb.trustedProxyCidrs -}}
{{- if include "wharf.webProxyProtocol" . -}}
{{- $cidrs = concat $cidrs .Values.gateways.proxyProtocol.trustedCidrs -}}
{{- end -}}
{{- join "," (uniq $cidrs) -}}
{{- end -}}

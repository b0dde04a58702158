#!/usr/bin/env python3
"""Regenerates k8s/base from the chart's default rendering, so the plain manifests stay equal to the chart.

Usage: ./mvnw -pl wharf-deploy-tests test   (writes wharf-deploy-tests/target/rendered-defaults.yaml)
       python3 k8s/tools/from-chart.py
The SSH host-key Secret is left out: plain manifests cannot generate keys once; create it (see k8s/README.md).
ChartEquivalenceTest fails when base and chart drift apart.
"""
import collections, pathlib, yaml

root = pathlib.Path(__file__).resolve().parents[2]
rendered = root / "wharf-deploy-tests/target/rendered-defaults.yaml"
base = root / "k8s/base"
HEADER = "# Generated from helm/wharf with its default values by k8s/tools/from-chart.py; edit the chart, then regenerate.\n"

def clean(labels):
    if labels:
        labels.pop("helm.sh/chart", None)
        labels["app.kubernetes.io/managed-by"] = "kustomize"

groups = collections.OrderedDict()
for doc in yaml.safe_load_all(rendered.read_text()):
    if not doc:
        continue
    if doc["kind"] == "Secret":
        continue
    clean(doc["metadata"].get("labels"))
    tmpl = doc.get("spec", {}).get("template", {}).get("metadata")
    if tmpl:
        clean(tmpl.get("labels"))
    component = doc["metadata"]["labels"]["app.kubernetes.io/component"]
    groups.setdefault(component, []).append(doc)

base.mkdir(parents=True, exist_ok=True)
files = []
for component, docs in groups.items():
    name = f"{component}.yaml"
    files.append(name)
    with open(base / name, "w") as f:
        f.write(HEADER)
        yaml.safe_dump_all(docs, f, sort_keys=False, default_flow_style=False, explicit_start=True)

kustomization = {
    "apiVersion": "kustomize.config.k8s.io/v1beta1",
    "kind": "Kustomization",
    "resources": files,
}
with open(base / "kustomization.yaml", "w") as f:
    f.write(HEADER)
    yaml.safe_dump(kustomization, f, sort_keys=False)
print("wrote", ", ".join(files))

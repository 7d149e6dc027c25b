// Package deploy holds the Kubernetes manifests; its test decodes each one strictly
// into the Kubernetes API types, without a cluster.
package deploy

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"sigs.k8s.io/yaml"
)

// decodeStrict turns one YAML document into v, failing on duplicate keys and on
// any field the API type does not have (a misspelt "readinesProbe" fails here).
func decodeStrict(doc []byte, v any) error {
	js, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// manifests reads every *.yaml here, split into documents, as kind → objects.
func manifests(t *testing.T) map[string][]any {
	t.Helper()
	files, err := filepath.Glob("*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests: %v", err)
	}
	byKind := map[string][]any{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range regexp.MustCompile(`(?m)^---\s*$`).Split(string(raw), -1) {
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			var meta struct {
				APIVersion string `json:"apiVersion"`
				Kind       string `json:"kind"`
			}
			if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
				t.Fatalf("%s document %d: %v", f, i+1, err)
			}
			var obj any
			switch meta.APIVersion + " " + meta.Kind {
			case "apps/v1 Deployment":
				obj = &appsv1.Deployment{}
			case "v1 Service":
				obj = &corev1.Service{}
			case "v1 Secret":
				obj = &corev1.Secret{}
			case "policy/v1 PodDisruptionBudget":
				obj = &policyv1.PodDisruptionBudget{}
			default:
				t.Fatalf("%s document %d: no API type known for %q %q", f, i+1, meta.APIVersion, meta.Kind)
			}
			if err := decodeStrict([]byte(doc), obj); err != nil {
				t.Fatalf("%s document %d (%s): %v", f, i+1, meta.Kind, err)
			}
			byKind[meta.Kind] = append(byKind[meta.Kind], obj)
		}
	}
	return byKind
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, l := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestStrictDecodingRefusesUnknownFields(t *testing.T) {
	bad := []byte("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n  replica: 3\n")
	if err := decodeStrict(bad, &appsv1.Deployment{}); err == nil {
		t.Error("a misspelt field was accepted")
	}
	dup := []byte("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n  replicas: 3\n")
	if err := decodeStrict(dup, &appsv1.Deployment{}); err == nil {
		t.Error("a duplicate key was accepted")
	}
}

func TestTheDeploymentRunsSeveralProbedReplicasOnTheDatabaseSecret(t *testing.T) {
	m := manifests(t)
	if len(m["Deployment"]) != 1 || len(m["Service"]) != 1 || len(m["Secret"]) != 1 {
		t.Fatalf("want one Deployment, Service and Secret, got %d, %d, %d", len(m["Deployment"]), len(m["Service"]), len(m["Secret"]))
	}
	d := m["Deployment"][0].(*appsv1.Deployment)
	if d.Spec.Replicas == nil || *d.Spec.Replicas < 2 {
		t.Error("replicas: want 2 or more")
	}
	if d.Spec.Strategy.RollingUpdate == nil || d.Spec.Strategy.RollingUpdate.MaxUnavailable.IntValue() != 0 {
		t.Error("a rolling update may take every replica away at once")
	}
	if g := d.Spec.Template.Spec.TerminationGracePeriodSeconds; g == nil || *g <= 20 {
		t.Errorf("terminationGracePeriodSeconds = %v, want more than the app's 20 s drain", g)
	}
	if len(d.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("want one container, got %d", len(d.Spec.Template.Spec.Containers))
	}
	c := d.Spec.Template.Spec.Containers[0]
	probes := []struct {
		name  string
		probe *corev1.Probe
		path  string
	}{{"readiness", c.ReadinessProbe, "/readyz"}, {"liveness", c.LivenessProbe, "/healthz"}}
	for _, p := range probes {
		if p.probe == nil || p.probe.HTTPGet == nil {
			t.Errorf("%s probe: none over HTTP", p.name)
			continue
		}
		if p.probe.HTTPGet.Path != p.path || p.probe.HTTPGet.Port.String() != "http" {
			t.Errorf("%s probe: GET %s on %s, want %s on the http port", p.name, p.probe.HTTPGet.Path, p.probe.HTTPGet.Port.String(), p.path)
		}
	}
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}
	db := env["DATABASE_URL"]
	if db.Value != "" || db.ValueFrom == nil || db.ValueFrom.SecretKeyRef == nil {
		t.Fatal("DATABASE_URL does not come from a Secret")
	}
	secret := m["Secret"][0].(*corev1.Secret)
	if ref := db.ValueFrom.SecretKeyRef; ref.Name != secret.Name || secret.StringData[ref.Key] == "" {
		t.Errorf("DATABASE_URL reads %s/%s, which secret.example.yaml does not define", ref.Name, ref.Key)
	}
	ports := map[string]int32{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	if !strings.HasSuffix(env["ADDR"].Value, ":8080") || ports["http"] != 8080 {
		t.Errorf("ADDR %q does not match the http port %d", env["ADDR"].Value, ports["http"])
	}
	if !strings.HasSuffix(env["METRICS_ADDR"].Value, ":9090") || ports["metrics"] != 9090 {
		t.Errorf("METRICS_ADDR %q does not match the metrics port %d", env["METRICS_ADDR"].Value, ports["metrics"])
	}
	if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() {
		t.Error("the container requests no CPU or memory")
	}
	svc := m["Service"][0].(*corev1.Service)
	for k, v := range svc.Spec.Selector {
		if d.Spec.Template.Labels[k] != v {
			t.Errorf("the Service selects %s=%s, which the pods do not carry", k, v)
		}
	}
	for _, p := range svc.Spec.Ports {
		if p.TargetPort.String() == "metrics" || p.TargetPort.IntValue() == 9090 {
			t.Error("the Service exposes /metrics publicly")
		}
	}
}

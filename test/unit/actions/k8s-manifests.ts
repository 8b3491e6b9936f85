/** Real-looking manifests the action tests edit. Each keeps comments, quoting and flow style on purpose. */

export const SHOP = `# shop: synced by Argo CD from this repository
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector: {app: shop}
  ports: [ { port: 80, targetPort: 8080 } ]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: prod
  labels: &labels
    app: shop   # selector label
spec:
  replicas: 3 # raised during the spring sale
  selector:
    matchLabels: *labels
  template:
    metadata: {labels: *labels}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/shop:1.4.2   # bumped by CI
          ports: [ { containerPort: 8080 } ]
          resources:
            requests: {cpu: 250m, memory: "256Mi"}
            limits:
              cpu: "1"
              memory: 512Mi   # OOMKilled at 480Mi in March
        - name: envoy
          image: 'envoyproxy/envoy:v1.30.1'
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: shop
  namespace: prod
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: shop}
  minReplicas: 2
  maxReplicas: 10  # capacity plan Q3
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

export const REDIS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:
  serviceName: redis
  replicas: "3"   # generated; kept as a string by the chart
  template:
    spec:
      initContainers:
      - name: sysctl
        image: busybox:1.36
      containers:
      - name: redis
        image: redis:7.2.4@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        resources:
          requests:
            cpu: 0.5
            memory: 1Gi
          limits:
            cpu: 2
            memory: 2Gi
`;

export const HELM_VALUES = `# Default values for shop.
replicaCount: 2

image:
  registry: ghcr.io
  repository: acme/shop
  tag: "1.4.2"   # set by the release pipeline
  pullPolicy: IfNotPresent

worker:
  image: {repository: acme/worker, tag: 1.10}

env:
  - name: LOG_LEVEL
    value: info
  - name: MAX_CONNECTIONS
    value: "100"
  - name: FEATURE_CHECKOUT_V2
    value: 'false'

podAnnotations:
  prometheus.io/scrape: "true"
`;

export const KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: prod
resources:
  - deployment.yaml
images:
  - name: ghcr.io/acme/shop
    newTag: 1.4.2 # promoted from staging
  - name: redis
    newName: mirror.gcr.io/library/redis
    newTag: "7.2"
    digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
`;

export const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:2.0.0
              resources:
                requests: {memory: 1G}
                limits: {memory: 1500M}
`;

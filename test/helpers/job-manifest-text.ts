/** A minimal valid Job as YAML text, with extra lines (already indented) in its metadata, spec and pod spec. */
export function jobManifestText(parts: { metadata?: string; spec?: string; podSpec?: string }): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: numbers
${parts.metadata ?? ''}spec:
${parts.spec ?? ''}  template:
    spec:
${parts.podSpec ?? ''}      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
`;
}

// The main script of the kubectl-job_x executable (bin/kubectl-job_x.js's part without the
// Node.js version check: the executable brings its own Node.js).
import { main } from '../../../plugin/main.ts';

void main(process.argv).then((code) => {
  process.exitCode = code;
});

// The main script of the job-x-webhook executable (bin/job-x-webhook.js without the Node.js version check).
import { main } from '../../../webhook/main.ts';

void main(process.argv).then((code) => process.exit(code));

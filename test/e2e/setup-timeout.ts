// Real controllers at real speed: the Job controller waits 10 s, 20 s, ... before replacing a
// failed pod. The waits inside the tests are bounded (helpers/wait.ts, 120 s each); this bound
// only has to stay above them so that a wait's own message (Job status, pods, events) is what a
// failing test shows.
import { jest } from '@jest/globals';

jest.setTimeout(300_000);

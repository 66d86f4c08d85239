/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets */
// Fixed values of the `npm start` demo (test/e2e/start.ts), shared with its e2e test.
export const DEMO_OWNER = { email: 'owner@example.com', password: 'Scene7-Demo-Passw0rd' } as const;
export const DEMO_CREDENTIAL = { id: 'scene7DemoCred01', name: 'Scene7 sandbox' } as const;
export const DEMO_WORKFLOW_ID = 'scene7DemoCopy01';
export const DEMO_TRIGGER_NAME = 'Manual Trigger';
/** The sandbox port `npm start` uses unless told otherwise; the shipped examples point at it. */
export const DEMO_SANDBOX_PORT = 8765;
/** Printed once everything is up; the e2e test of `npm start` waits for it. */
export const READY_LINE = 'Scene7 demo is ready';
/** File in the demo user folder holding the pid (= process group) of `n8n start`. */
export const PID_FILE = 'demo.pid';

// The scenario the run-logic tests read, with the line numbers they rely on.
export const HOSPITAL = `# @host http://localhost:8888
# @users 50
# @spawn-rate 5
# @run-time 2m
# @threshold p95 < 500ms

### Home page
# @task 5
GET /

### List hospitals
# @task 3
# @threshold p95 < 300ms
  GET /hospital
`;

/** 0-based lines of HOSPITAL. */
export const LINES = { headerRule: 4, homeRequest: 8, listRule: 12, listRequest: 13 } as const;

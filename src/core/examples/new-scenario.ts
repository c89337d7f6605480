// The scenario a new file starts from ("Loadlens: New Load Scenario", and later `loadlens init`).
// Pure text that teaches the format by example: every line it uses is explained by a comment.

export const NEW_SCENARIO_TEXT = `# A Loadlens load scenario. Lines "# @..." are load directives; other .http tools
# (REST Client, httpYac) read them as comments, so each request can still be sent on its own.
# Run it from the editor, or in a terminal: loadlens run my-test.load.http

# Base URL for the relative URLs below (Locust: --host).
# @host http://localhost:8888

# The load: 50 virtual users, started 5 per second, for 2 minutes (Locust: -u 50 -r 5 -t 2m).
# For a load shape use "# @stage 5m 100" lines instead; for an arrival rate, "# @rate 100/s".
# @users 50
# @spawn-rate 5
# @run-time 2m

# Each user waits 1 to 2 seconds after each task (Locust: wait_time = between(1, 2)).
# @think 1s..2s

# Pass/fail rules, checked per request and for the whole run. "warn" makes a broken rule a
# warning; without it, a broken rule is an error (and the CLI exits with 1).
# @threshold p95 < 500ms warn
# @threshold p95 < 1s
# @threshold errors < 1%

# A file variable: define it once, use it as {{contentType}}.
@contentType = application/json

### Home page
# "# @task W" starts a task of weight W: each time, a user picks a task at random by weight,
# so this one runs three times as often as the next.
# @task 3
GET /

### Create a hospital
# @task 1
# "# @name" lets later requests read this response.
# @name hospital
POST /hospital
Content-Type: {{contentType}}

{"name": "City Hospital {{$randomInt 1 100000}}", "beds": 120}

### Read the new hospital
# A block without "# @task" continues the task above: it runs right after the POST, with the
# id captured from that response by the same user.
# @expect status 200
GET /hospital/{{hospital.response.body.$.id}}
`;

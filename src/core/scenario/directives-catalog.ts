// Every directive the format knows, for diagnostics, hover and completion.

export interface DirectiveInfo {
  name: string;
  scope: 'header' | 'request' | 'both';
  syntax: string;
  summary: string;
  example: string;
  equivalent?: string;
}

export const DIRECTIVES: readonly DirectiveInfo[] = [
  {
    name: 'host',
    scope: 'header',
    syntax: '# @host URL',
    summary: 'Base URL for relative request URLs (those starting with /). May use file variables, $processEnv and $dotenv. The --host flag or the run options override it.',
    example: '# @host http://localhost:8888',
    equivalent: 'Locust: --host',
  },
  {
    name: 'users',
    scope: 'header',
    syntax: '# @users N',
    summary: 'Closed model: N concurrent virtual users, each running tasks in a loop.',
    example: '# @users 50',
    equivalent: 'Locust: -u / --users',
  },
  {
    name: 'spawn-rate',
    scope: 'header',
    syntax: '# @spawn-rate R',
    summary: 'Users started (and stopped) per second with @users. Default: all at once.',
    example: '# @spawn-rate 5',
    equivalent: 'Locust: -r / --spawn-rate',
  },
  {
    name: 'run-time',
    scope: 'header',
    syntax: '# @run-time D',
    summary: 'Stop the run after D (with @users or @rate). Without it the run lasts until stopped.',
    example: '# @run-time 2m',
    equivalent: 'Locust: -t / --run-time',
  },
  {
    name: 'stage',
    scope: 'header',
    syntax: '# @stage D TARGET',
    summary: 'One step of a load shape: move linearly from the previous target (0 at the start) to TARGET over D. TARGET is N users or R/s arrivals per second; all stages use one kind.',
    example: '# @stage 5m 100',
    equivalent: 'Locust: LoadTestShape; k6: stages',
  },
  {
    name: 'rate',
    scope: 'header',
    syntax: '# @rate R/s',
    summary: 'Open model: start R task iterations per second, whatever the response time.',
    example: '# @rate 100/s',
    equivalent: 'k6: constant-arrival-rate',
  },
  {
    name: 'max-users',
    scope: 'header',
    syntax: '# @max-users N',
    summary: 'Open model (@rate or R/s stages): cap on concurrent iterations, default 1000. An arrival that finds the cap full is counted as dropped.',
    example: '# @max-users 200',
    equivalent: 'k6: maxVUs',
  },
  {
    name: 'think',
    scope: 'both',
    syntax: '# @think A..B  or  # @think D',
    summary: 'In the header: wait after each task iteration of a user, uniform in [A, B] or fixed. In a request block: wait after that request.',
    example: '# @think 1s..2s',
    equivalent: 'Locust: wait_time = between(A, B)',
  },
  {
    name: 'timeout',
    scope: 'both',
    syntax: '# @timeout D',
    summary: 'Request timeout: in the header for every request (default 30s), in a request block for that request.',
    example: '# @timeout 10s',
  },
  {
    name: 'stop-timeout',
    scope: 'header',
    syntax: '# @stop-timeout D',
    summary: 'At the end, let running iterations finish for up to D (default 0: stop at once).',
    example: '# @stop-timeout 10s',
    equivalent: 'Locust: --stop-timeout',
  },
  {
    name: 'data',
    scope: 'header',
    syntax: '# @data FILE.csv [as NAME] [random]',
    summary: 'A CSV file with a header row. Each task iteration takes the next row (shared cursor, wraps around) or a random one. Use a column as {{NAME.column}}; NAME defaults to the file base name.',
    example: '# @data patients.csv as patient',
    equivalent: 'Artillery: payload; k6: SharedArray',
  },
  {
    name: 'threshold',
    scope: 'both',
    syntax: '# @threshold METRIC OP VALUE [warn|error] [abort]',
    summary: 'A pass/fail rule: in the header for every request and the aggregate; in a request block for that request only (replaces a header rule on the same metric). Metrics: avg, min, max, median, pN, errors (%), rps.',
    example: '# @threshold p95 < 500ms',
    equivalent: 'k6: thresholds',
  },
  {
    name: 'seed',
    scope: 'header',
    syntax: '# @seed N',
    summary: 'Seed for every random choice of the run, so that two runs make the same choices.',
    example: '# @seed 42',
  },
  {
    name: 'http1',
    scope: 'header',
    syntax: '# @http1',
    summary: 'Keep https:// requests on HTTP/1.1. Without it they use HTTP/2 when the server offers it through ALPN (http:// is always HTTP/1.1).',
    example: '# @http1',
    equivalent: 'curl: --http1.1',
  },
  {
    name: 'name',
    scope: 'request',
    syntax: '# @name ID',
    summary: 'Names the request, so that later requests can use its response: {{ID.response.body.$.field}}.',
    example: '# @name login',
  },
  {
    name: 'task',
    scope: 'request',
    syntax: '# @task W',
    summary: 'This block starts a task of weight W (an integer > 0). Each iteration a user picks a task at random by weight and runs its requests in order. Blocks without @task continue the task above.',
    example: '# @task 3',
    equivalent: 'Locust: @task(3)',
  },
  {
    name: 'on-start',
    scope: 'request',
    syntax: '# @on-start',
    summary: 'This block, and the blocks below it up to the next @task, @on-start or @setup, form a sequence each virtual user runs once before its first task (in the open model: at the start of every iteration), e.g. a login. Its captures are visible to that user\'s tasks; its requests count under their own names. A user whose on-start had a failed request runs it again before its next iteration.',
    example: '# @on-start',
    equivalent: 'Locust: on_start',
  },
  {
    name: 'setup',
    scope: 'request',
    syntax: '# @setup',
    summary: 'This block, and the blocks below it up to the next @task, @on-start or @setup, run once per run (once per shard), before any user starts, e.g. fetching a token. Their captures are visible, read-only, to every user of every worker. If a setup request fails, no load is started (exit code 3). Setup time is not part of the run time.',
    example: '# @setup',
    equivalent: 'k6: setup(); Locust: test_start',
  },
  {
    name: 'expect',
    scope: 'request',
    syntax: '# @expect status CODES',
    summary: 'Success means a status in CODES (201, 200,204, 2xx). Default: any status below 400.',
    example: '# @expect status 201',
  },
  {
    name: 'no-redirect',
    scope: 'both',
    syntax: '# @no-redirect',
    summary: 'Do not follow redirects: the 3xx answer itself is the result (a success under the default @expect). In the header for every request, in a request block for that request. By default 301/302/303/307/308 are followed, up to 10 hops.',
    example: '# @no-redirect',
    equivalent: 'REST Client, httpYac and JetBrains: @no-redirect',
  },
  {
    name: 'no-cookie-jar',
    scope: 'both',
    syntax: '# @no-cookie-jar',
    summary: 'In the header: users keep no cookies (by default each user has its own jar, as in REST Client). In a request block: that request neither sends the jar\'s cookies nor keeps the ones it gets. A Cookie: header written in a request is still sent.',
    example: '# @no-cookie-jar',
    equivalent: 'httpYac: @no-cookie-jar; k6: jar: null',
  },
];

const BY_NAME = new Map(DIRECTIVES.map((info) => [info.name, info]));

export function directiveInfo(name: string): DirectiveInfo | undefined {
  return BY_NAME.get(name);
}

export const DIRECTIVE_NAMES: readonly string[] = DIRECTIVES.map((info) => info.name);

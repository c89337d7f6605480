// Scenarios for the CPU measurements (bench/cpu-per-request.mjs, bench/profile.mjs).

/**
 * `plain`: the benchmark's GET. `templated`: what autocannon does not do, all on: two weighted
 * tasks, a templated header and query per request (rendered per send), three stats names.
 */
export const SCENARIOS = {
  plain: '### root\nGET /\n',
  templated: [
    '### home',
    '# @task 3',
    'GET /?page={{$randomInt 1 100}}',
    'x-request: {{$guid}}',
    '',
    '### item',
    'GET /item',
    '',
    '### cart',
    '# @task 1',
    'GET /cart',
    'x-user: {{$randomInt 1 1000}}',
    '',
  ].join('\n'),
};

// Runs autocannon (bench/.tools, the benchmark's version) in this process against argv[2] with
// argv[3] connections for argv[4] seconds, and prints the requests completed so far at each of
// its per-second ticks ("tick <total>"), then "done <total>". bench/lib/reference-cpu.mjs reads
// this process's CPU from /proc at each line: autocannon's CPU per request over the middle seconds,
// measured the same way as the engine's (bench/lib/engine-cpu.mjs). The tick's count is the one
// autocannon keeps anyway: nothing is added per request.
'use strict';
const autocannon = require(process.argv[5]);

const [url, connections, seconds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
let total = 0;
const instance = autocannon({ url, connections, duration: seconds }, (error, result) => {
  if (error) {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  }
  process.stdout.write(`done ${result.requests.total}\n`);
});
instance.on('tick', ({ counter }) => {
  total += counter;
  process.stdout.write(`tick ${total}\n`);
});

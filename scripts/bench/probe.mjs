// Loaded with `node --import` into a benchmarked child process: at exit, writes the process's own CPU time
// and peak RSS to the file named by CASEREC_BENCH_PROBE, so the parent can report them beside wall time.
import * as fs from 'node:fs';

const file = process.env.CASEREC_BENCH_PROBE;
const started = performance.now();
if (file) {
  delete process.env.CASEREC_BENCH_PROBE;
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpu = process.cpuUsage();
    fs.writeFileSync(
      file,
      JSON.stringify({
        userMs: cpu.user / 1000,
        systemMs: cpu.system / 1000,
        maxRssKb: usage.maxRSS,
        uptimeMs: performance.now() - started,
      }),
    );
  });
}

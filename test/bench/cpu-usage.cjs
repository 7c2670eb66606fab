// Preloaded (`node --require`) into every process the bench measures: its CPU time at exit, on
// stderr. On a machine shared with other work, wall time swells with the load; CPU time much less.
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\n__bench_cpu_ms=${(user + system) / 1000}\n`);
});

// Drops test-web's per-request log lines (it logs every non-2xx request and the loader choice) from stdout.
const noise = /GET \/|Using ESM loader|Serving (dev extensions|local content)/;

export function quietServerLogs() {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => (noise.test(String(chunk)) ? true : write(chunk, ...rest));
}

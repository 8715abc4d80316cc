// Drops test-web's per-request log lines and aborted-download stacks (harmless when a page closes) from the console.
const noise = /GET \/|Using ESM loader|Serving (dev extensions|local content)|ERR_STREAM_PREMATURE_CLOSE/;

function filter(stream) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => (noise.test(String(chunk)) ? true : write(chunk, ...rest));
}

export function quietServerLogs() {
  filter(process.stdout);
  filter(process.stderr);
}

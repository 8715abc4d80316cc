// `npm run web`: VS Code for the Web on http://localhost:3000 with the extension and a scratch copy of examples/ to try by hand.
import { quietServerLogs } from './quiet.mjs';
import { startServer } from './server.mjs';
import { makeWorkspace } from './workspace.mjs';

const port = Number(process.env.PORT ?? 3000);
const workspace = makeWorkspace();
quietServerLogs();
const { server, url } = await startServer({ workspace: workspace.dir, port });
console.log(
  `flopscope: VS Code for the Web at ${url} (workspace: a copy of examples/ in ${workspace.dir}); Ctrl+C to stop.`,
);
const stop = () => {
  server.close();
  workspace.dispose();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

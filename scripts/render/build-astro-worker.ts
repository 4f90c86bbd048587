// Runs one Astro build in a worker thread. A worker has its own module cache: Astro imports the
// pages it generates by file name, and a second build in the same thread would get the first
// build's modules (and data) back from Node's cache whenever the file names repeat.
import { parentPort, workerData } from 'node:worker_threads';
import { build, type AstroInlineConfig } from 'astro';

const { config, env, cwd } = workerData as { config: AstroInlineConfig; env: Record<string, string>; cwd: string };
// Astro puts its prerender chunks in `<cwd>/.astro/.prerender/` whenever outDir is not under the
// current folder, and deletes them when done: two builds run from one folder with their working
// folders elsewhere (a cache in /tmp, say) would load and delete each other's. A worker cannot
// chdir, so it answers with the build's own folder instead (see buildAstro).
process.cwd = () => cwd;
// A BASE_URL inherited from the caller (vitest sets one) would stand in for Astro's base in pages.
delete process.env.BASE_URL;
Object.assign(process.env, env);
try {
	await build(config);
	parentPort!.postMessage({ ok: true });
} catch (error) {
	parentPort!.postMessage({ ok: false, message: (error as Error).message ?? String(error) });
}

// The answers benchmark's baseline: what reading a backend's answer whole (`response.text()`) does
// with an endless one, for `argv[3]` ms. Prints the bytes read as JSON.
import { argv } from 'node:process';

const [url, ms] = argv.slice(2) as [string, string];
let bytes = 0;
try {
	bytes = (await (await fetch(url, { signal: AbortSignal.timeout(Number(ms)) })).text()).length;
} catch {
	// The timeout ends it: what was buffered is the point, and the peak RSS shows it.
}
process.stdout.write(`${JSON.stringify({ bytes })}\n`);

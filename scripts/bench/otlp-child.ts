// One measured side of the OTLP throughput bench, run in its own process so its peak RSS is its
// own: `json-parse <file>` reads lines and JSON.parses each (the baseline), `halflife <file> <start>
// <end>` runs the otlp-json source end to end. Prints one JSON line of figures on stdout.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { otlpJsonSource } from '../sources/otlp-json/otlp-json-source.ts';
import { readLines } from '../sources/otlp-json/read-lines.ts';

const [mode, file, start, end] = process.argv.slice(2);
if (!file || (mode !== 'json-parse' && mode !== 'halflife')) throw new Error('usage: otlp-child.ts json-parse|halflife <file> [start end]');
const { size } = await stat(file);
const began = performance.now();
let detail: Record<string, unknown>;
if (mode === 'json-parse') {
	let values = 0;
	await readLines(createReadStream(file, { highWaterMark: 1024 * 1024 }), (line) => {
		if (line === '') return;
		JSON.parse(line);
		values++;
	});
	detail = { values };
} else {
	const warnings: string[] = [];
	const snapshot = await otlpJsonSource({ paths: [path.resolve(file)] }).load({
		contentDir: path.dirname(file),
		now: new Date(),
		window: { start: new Date(start as string), end: new Date(end as string) },
		logger: { info() {}, warn: (message) => warnings.push(message) },
	});
	detail = { ...snapshot.stats, services: snapshot.services.length, edges: snapshot.edges.length, warnings };
}
const seconds = (performance.now() - began) / 1000;
process.stdout.write(`${JSON.stringify({ bytes: size, seconds, ...detail })}\n`);

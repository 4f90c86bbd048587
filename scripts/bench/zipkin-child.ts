// One measured side of the document-stream bench, run in its own process so its peak RSS is its
// own: `json-parse <file>` reads the file as text and JSON.parses it (the baseline), `stream <file>`
// reads it with the zipkin-v2 format's streaming reader, `hybrid <file>` with the reader as shipped. Prints one JSON line of figures on stdout.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { zipkinV2Format } from '../sources/formats/zipkin-v2.ts';

const [mode, file] = process.argv.slice(2);
if (!file || !['json-parse', 'stream', 'hybrid'].includes(mode as string)) throw new Error('usage: zipkin-child.ts json-parse|stream|hybrid <file>');
const { size } = await stat(file);
const began = performance.now();
let spans: number;
if (mode === 'json-parse') {
	spans = (JSON.parse((await readFile(file)).toString('utf8')) as unknown[]).length;
} else {
	let delivered = 0;
	const sink = { span: () => delivered++, link() {}, warn() {} };
	// `hybrid` is the reader as shipped (whole up to WHOLE_MAX_BYTES); `stream` forces streaming.
	const options = mode === 'stream' ? { wholeMaxBytes: 0 } : {};
	const result = await zipkinV2Format.read({ absolute: path.resolve(file), display: path.basename(file) }, sink, options);
	spans = result.spans;
}
const seconds = (performance.now() - began) / 1000;
process.stdout.write(`${JSON.stringify({ bytes: size, seconds, spans })}\n`);

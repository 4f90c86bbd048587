// Reads one telemetry file with one format in its own process, so a test can give it a small heap:
// `read-format-child.ts stream|whole <format> <file> [trace idle spans]` prints one JSON line with what it read and the
// process's peak heap. `whole` reads the file as text and parses it whole, as formats did before streaming.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { readDependencyLinksText } from '../dependency-links.ts';
import { telemetryFormats } from '../index.ts';
import { readJaegerJsonText } from '../jaeger-json.ts';
import type { FormatResult, FormatSink } from '../telemetry-format.ts';
import { readZipkinV2Text } from '../zipkin-v2.ts';

const WHOLE = { 'zipkin-v2': readZipkinV2Text, 'jaeger-json': readJaegerJsonText, 'dependency-links': readDependencyLinksText };

const [mode, name, file, idle] = process.argv.slice(2);
const format = telemetryFormats.find((f) => f.name === name);
if (!format || !file || (mode !== 'stream' && mode !== 'whole')) throw new Error('usage: read-format-child.ts stream|whole <format> <file> [trace idle spans]');
let spans = 0;
let links = 0;
const sink: FormatSink = { span: () => spans++, link: () => links++, warn: () => {} };
const display = path.basename(file);
let result: FormatResult;
if (mode === 'stream') result = await format.read({ absolute: path.resolve(file), display }, sink, idle ? { traceIdleSpans: Number(idle) } : {});
else result = WHOLE[name as keyof typeof WHOLE]((await readFile(file)).toString('utf8'), display, sink);
const { total_heap_size: heap } = getHeapStatistics();
process.stdout.write(`${JSON.stringify({ spans, links, result: { spans: result.spans, links: result.links, skipped: result.skipped.length }, heapMb: heap / 2 ** 20 })}\n`);

// `npm run bench`: the site benchmark (a generated 1,000-service organisation built with Halflife,
// cold and warm, against plain Astro), the OTLP throughput benchmark (the otlp-json source
// against plain JSON.parse on a generated file) and the backend-answer benchmark (peak RSS against
// an answer that never ends). `--only site`, `--only otlp` or `--only answers` runs one part;
// `--services N` sizes the organisation, `--otlp-mb N` the OTLP file (256 by default, 1024 for
// the 1 GB run); `--keep` leaves the generated files.
import { parseArgs } from 'node:util';
import { runAnswerBench } from './answer-bench.ts';
import { runOtlpBench } from './otlp-bench.ts';
import { runSiteBench } from './site-bench.ts';

const { values } = parseArgs({
	options: {
		services: { type: 'string', default: '1000' },
		'otlp-mb': { type: 'string', default: '256' },
		only: { type: 'string' },
		keep: { type: 'boolean', default: false },
	},
});
const only = values.only;
if (only !== undefined && only !== 'site' && only !== 'otlp' && only !== 'answers') throw new Error(`--only must be site, otlp or answers, not ${only}`);
const otlpMb = Number(values['otlp-mb']);
if (!(otlpMb > 0)) throw new Error(`--otlp-mb must be a positive number, not ${values['otlp-mb']}`);

if (only === undefined || only === 'site') await runSiteBench(Number(values.services), values.keep);
if (only === undefined || only === 'otlp') await runOtlpBench(otlpMb, values.keep);
if (only === undefined || only === 'answers') await runAnswerBench();

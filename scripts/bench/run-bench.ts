// `npm run bench`: the site benchmark (a generated 1,000-service organisation built with Halflife,
// cold and warm, against plain Astro) and the OTLP throughput benchmark (the otlp-json source
// against plain JSON.parse on a generated file). `--only site` or `--only otlp` runs one part;
// `--services N` sizes the organisation, `--otlp-mb N` the OTLP file (256 by default, 1024 for
// the 1 GB run); `--keep` leaves the generated files.
import { parseArgs } from 'node:util';
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
if (only !== undefined && only !== 'site' && only !== 'otlp') throw new Error(`--only must be site or otlp, not ${only}`);
const otlpMb = Number(values['otlp-mb']);
if (!(otlpMb > 0)) throw new Error(`--otlp-mb must be a positive number, not ${values['otlp-mb']}`);

if (only !== 'otlp') await runSiteBench(Number(values.services), values.keep);
if (only !== 'site') await runOtlpBench(otlpMb, values.keep);

// `npm run bench`: the site benchmark (a generated 1,000-service organisation built with Halflife,
// cold and warm, against plain Astro, with stage timings, the site's growth and page weight), the
// OTLP throughput benchmark (the otlp-json source against plain JSON.parse on a generated file),
// the backend-answer benchmark (peak RSS against an answer that never ends) and the document-stream
// benchmark (the zipkin-v2 streaming reader against JSON.parse of the same generated span array)
// and the diagram benchmark (the service diagrams of the organisation drawn with the stock Mermaid
// bundle, with getConfig memoised only and with every patch). `--only site`, `--only otlp`, `--only answers`,
// `--only documents` or `--only diagrams` runs one part; `--diagrams N` sets how many diagrams
// (400 by default); `--services N`
// sizes the organisation (goals are set at 1000, 5000 and 20000; 20000 takes a quarter of an hour or
// more), `--builds N` sets the warm builds (3 by default), `--otlp-mb N` the OTLP file (256 by
// default, 1024 for the 1 GB run), `--zipkin-mb N` the Zipkin array (256 by default); `--keep`
// leaves the generated files.
import { parseArgs } from 'node:util';
import { runAnswerBench } from './answer-bench.ts';
import { runDiagramBench } from './diagram-bench.ts';
import { runOtlpBench } from './otlp-bench.ts';
import { runSiteBench } from './site-bench.ts';
import { runZipkinBench } from './zipkin-bench.ts';

const USAGE = `npm run bench -- [--only site|otlp|answers|documents|diagrams] [--services N] [--builds N]
                [--diagrams N] [--otlp-mb N] [--zipkin-mb N] [--keep]
  --services  size of the generated organisation (1000; goals are set at 1000, 5000 and 20000)
  --builds    warm builds after the cold one (3; more run until retention prunes)
  --diagrams  diagrams drawn by the diagram benchmark (400)
  --otlp-mb   size of the OTLP file (256), --zipkin-mb of the Zipkin array (256)
  --keep      leave the generated files`;

const { values } = parseArgs({
	options: {
		services: { type: 'string', default: '1000' },
		'otlp-mb': { type: 'string', default: '256' },
		'zipkin-mb': { type: 'string', default: '256' },
		builds: { type: 'string', default: '3' },
		diagrams: { type: 'string', default: '400' },
		only: { type: 'string' },
		keep: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
});
if (values.help) {
	process.stdout.write(`${USAGE}\n`);
	process.exit(0);
}
const only = values.only;
const parts = ['site', 'otlp', 'answers', 'documents', 'diagrams'];
if (only !== undefined && !parts.includes(only)) throw new Error(`--only must be site, otlp, answers, documents or diagrams, not ${only}`);
const otlpMb = Number(values['otlp-mb']);
if (!(otlpMb > 0)) throw new Error(`--otlp-mb must be a positive number, not ${values['otlp-mb']}`);
const zipkinMb = Number(values['zipkin-mb']);
if (!(zipkinMb > 0)) throw new Error(`--zipkin-mb must be a positive number, not ${values['zipkin-mb']}`);
const services = Number(values.services);
if (!Number.isInteger(services) || services < 5) throw new Error(`--services must be a whole number of at least 5, not ${values.services}`);
const builds = Number(values.builds);
if (!Number.isInteger(builds) || builds < 1) throw new Error(`--builds must be a whole number of at least 1, not ${values.builds}`);

const diagrams = Number(values.diagrams);
if (!Number.isInteger(diagrams) || diagrams < 1) throw new Error(`--diagrams must be a whole number of at least 1, not ${values.diagrams}`);

if (only === undefined || only === 'site') await runSiteBench(services, values.keep, builds);
if (only === undefined || only === 'otlp') await runOtlpBench(otlpMb, values.keep);
if (only === undefined || only === 'answers') await runAnswerBench();
// A size parsed whole by the hybrid reader, then the large one it streams.
if (only === undefined || only === 'documents') for (const mb of [24, zipkinMb]) await runZipkinBench(mb, values.keep);
if (only === undefined || only === 'diagrams') await runDiagramBench(services, diagrams, values.keep);

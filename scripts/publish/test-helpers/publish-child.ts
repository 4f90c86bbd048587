// The process the kill test starts and kills part-way: publishes one build into a site.
// Usage: node publish-child.ts <siteDir> <outDir> <id> <clientScript>
import { memoryLogger } from '../../lib/logger.ts';
import { publishVersion } from '../publish-version.ts';

const [siteDir, outDir, id, clientScript] = process.argv.slice(2) as [string, string, string, string];
// Everything is loaded: the test times its kill from here, so it lands inside the publish itself.
process.stdout.write('ready\n');
await publishVersion({ siteDir, outDir, id, diagrams: new Map(), clientScript, logger: memoryLogger() });
process.stdout.write('done\n');

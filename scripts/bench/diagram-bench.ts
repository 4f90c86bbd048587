// The diagrams part of `npm run bench`: draws the service diagrams of a generated organisation in
// one Chromium, a tab per core as a build does, with the stock Mermaid bundle (the baseline), with
// only the first patch (getConfig memoised) and with every patch, checks the SVGs are the same
// bytes, then tries the patched bundle with more tabs than cores. Prints milliseconds per diagram
// and the ratios to the baseline and to the getConfig-only bundle.
import { readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { createMermaidRenderer } from 'mermaid-isomorphic';
import { generateOrg } from '../demo/generate-org.ts';
import { memoryLogger } from '../lib/logger.ts';
import { buildContent } from '../model/test-helpers/build-content.ts';
import { BROWSER_ARGS, findBrowser } from '../render/find-browser.ts';
import { mermaidConfig } from '../render/mermaid-config.ts';
import { patchedChromium } from '../render/patched-chromium.ts';
import { MERMAID_BUNDLE_URL, MERMAID_PATCHES, patchedMermaidScript, patchMermaidBundle } from '../render/patched-mermaid.ts';

/** Runs the diagram benchmark on `count` service diagrams of a `services`-service organisation; `keep` leaves the work folder. */
export async function runDiagramBench(services: number, count: number, keep: boolean): Promise<void> {
	const browser = await findBrowser();
	if (browser === null) throw new Error('bench: the diagrams part needs Chromium (set HALFLIFE_CHROMIUM)');
	const script = patchedMermaidScript(memoryLogger());
	if (script === null) throw new Error('bench: the installed Mermaid bundle does not have the text its patches expect');
	const getConfigOnly = patchMermaidBundle(readFileSync(new URL(MERMAID_BUNDLE_URL), 'utf8'), MERMAID_PATCHES.slice(0, 1))!;
	const now = new Date('2026-11-23T00:00:00Z');
	const work = await mkdtemp(path.join(tmpdir(), 'halflife-diagram-bench-'));
	try {
		process.stderr.write(`bench: generating a ${services}-service organisation in ${work}\n`);
		await generateOrg({ services, now, dir: path.join(work, 'content') });
		const built = await buildContent(path.join(work, 'content'), work, now, 'stages', { publishBroken: false, format: 'mdx' });
		const sources = [...built.diagrams].filter(([id]) => id.startsWith('service-')).map(([, source]) => source).slice(0, count);
		const launchOptions = { executablePath: browser, args: [...BROWSER_ARGS] };
		const cores = availableParallelism();
		const runs = [
			{ label: `stock Mermaid, ${cores} tabs (baseline)`, options: { launchOptions }, tabs: cores },
			{ label: `getConfig memoised only, ${cores} tabs`, options: { launchOptions, browserType: patchedChromium(getConfigOnly) }, tabs: cores },
			...[cores, cores * 2].map((tabs) => ({ label: `all ${MERMAID_PATCHES.length} patches, ${tabs} tabs`, options: { launchOptions, browserType: patchedChromium(script) }, tabs })),
		];
		const figures: { label: string; ms: number; svgs: string[] }[] = [];
		for (const { label, options, tabs } of runs) {
			process.stderr.write(`bench: ${label}\n`);
			figures.push({ label, ...(await renderInTabs(createMermaidRenderer(options), sources, tabs)) });
		}
		const [baseline, getConfigRun] = figures;
		const row = (label: string, ms: number, note: string) =>
			`${label.padEnd(36)} ${(ms / sources.length).toFixed(1).padStart(7)} ms/diagram ${(ms / 1000).toFixed(1).padStart(7)} s   ${note}`;
		const lines = [
			'',
			`Diagrams: ${sources.length} service diagrams of a ${services}-service organisation, ${cores} cores, Chromium ${browser}`,
			...figures.map(({ label, ms, svgs }, index) =>
				row(
					label,
					ms,
					index === 0
						? ''
						: `${(baseline!.ms / ms).toFixed(2)}x stock${index > 1 ? `, ${(getConfigRun!.ms / ms).toFixed(2)}x getConfig-only` : ''}; SVG ${sameSvgs(svgs, baseline!.svgs) ? 'byte-identical' : 'DIFFERENT'}`,
				),
			),
			'Each run starts its own browser; times include the start.',
			'',
		];
		process.stdout.write(lines.join('\n'));
	} finally {
		if (keep) process.stderr.write(`bench: kept ${work}\n`);
		else await rm(work, { recursive: true, force: true });
	}
}

// Splits the diagrams into `tabs` contiguous chunks rendered at once, as renderDiagrams does.
async function renderInTabs(render: ReturnType<typeof createMermaidRenderer>, sources: string[], tabs: number): Promise<{ ms: number; svgs: string[] }> {
	const started = performance.now();
	const size = Math.ceil(sources.length / tabs);
	const chunks = Array.from({ length: tabs }, (_, tab) => sources.slice(tab * size, (tab + 1) * size));
	const results = await Promise.all(chunks.map((chunk, tab) => render(chunk, { prefix: `bench${tab}`, mermaidConfig })));
	const ms = performance.now() - started;
	// Ids name the tab and the place in it; numbered across the batch, runs with other tab counts compare.
	const svgs = results.flatMap((chunk, tab) =>
		chunk.map((result, index) =>
			result.status === 'fulfilled' ? result.value.svg.replace(new RegExp(`bench${tab}-${index}(?![0-9])`, 'g'), `diagram-${tab * size + index}`) : 'rejected',
		),
	);
	return { ms, svgs };
}

function sameSvgs(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((svg, index) => svg === b[index]);
}

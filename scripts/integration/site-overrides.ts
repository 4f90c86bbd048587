import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteOptions } from '../config/site-options.ts';
import { HalflifeError } from '../errors/halflife-error.ts';

/** The folder of the site's components, shipped in the package. */
export const COMPONENTS_DIR = fileURLToPath(new URL('../../site/components/', import.meta.url));

/** A project's replacements for the site's components and its extra stylesheets, as absolute paths. */
export interface SiteOverrides {
	/** The package's component file → the project's file that replaces it. */
	components: Map<string, string>;
	/** Stylesheets every page adds after Halflife's own. */
	customCss: string[];
}

/**
 * Resolves `components` and `customCss` against the project root, checking every name and file
 * at once: one error lists each `**components.Name**: problem`, as option errors do.
 */
export function resolveSiteOverrides(root: string, options: Pick<SiteOptions, 'components' | 'customCss'>): SiteOverrides {
	const known = readdirSync(COMPONENTS_DIR).filter((file) => file.endsWith('.astro')).map((file) => file.slice(0, -'.astro'.length));
	const problems: string[] = [];
	const components = new Map<string, string>();
	for (const [name, file] of Object.entries(options.components)) {
		const replacement = path.resolve(root, file);
		if (!known.includes(name)) problems.push(`- **components.${name}**: no such component; the site's are ${known.join(', ')}`);
		else if (!existsSync(replacement)) problems.push(`- **components.${name}**: ${file} does not exist (paths are relative to the project root)`);
		else components.set(path.join(COMPONENTS_DIR, `${name}.astro`), replacement);
	}
	const customCss = options.customCss.map((file) => path.resolve(root, file));
	options.customCss.forEach((file, index) => {
		if (!existsSync(customCss[index]!)) problems.push(`- **customCss.${index}**: ${file} does not exist (paths are relative to the project root)`);
	});
	if (problems.length > 0) throw new HalflifeError('ConfigInvalid', { params: { detail: problems.join('\n') } });
	return { components, customCss };
}

/** The catalog formats Halflife reads. */
export type CatalogFormat = 'backstage' | 'datadog-v2' | 'datadog-v3';

/**
 * Says which format a YAML document is in, or null when it is none of them: Backstage has
 * `apiVersion: backstage.io/...` or a plugin's `<plugin>.backstage.io/...`, Datadog v2.x a
 * `schema-version` (checked later, so a wrong version gets its own error), Datadog v3
 * `apiVersion: v3` with a `kind`.
 */
export function detectCatalogFormat(data: unknown): CatalogFormat | null {
	if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
	const { apiVersion, kind } = data as Record<string, unknown>;
	// Kinds from Backstage's plugins (a `scaffolder.backstage.io/v1beta3` Template) are Backstage too.
	if (typeof apiVersion === 'string' && /^([a-z0-9-]+\.)*backstage\.io\//i.test(apiVersion.trim())) return 'backstage';
	if (typeof apiVersion === 'string' && apiVersion.trim() === 'v3' && kind !== undefined) return 'datadog-v3';
	if ('schema-version' in data) return 'datadog-v2';
	return null;
}

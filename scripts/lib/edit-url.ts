/**
 * The address that opens a content file for editing: `baseUrl` (from the `editLink` option) followed
 * by the file's path relative to the content folder, each segment escaped. Null without a base, or
 * for a path that is not a plain relative one (empty, absolute, or with `.` or `..` segments), which
 * could lead outside the repository's folder.
 */
export function editUrl(baseUrl: string | null, file: string): string | null {
	if (baseUrl === null) return null;
	const segments = file.split('/');
	if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) return null;
	const url = new URL(segments.map(encodeURIComponent).join('/'), baseUrl);
	return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

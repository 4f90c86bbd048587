/** A byte count as people read it: `512 bytes`, `1.5 KiB`, `32 MiB`, `1.2 GiB`. */
export function formatBytes(bytes: number): string {
	const units = ['KiB', 'MiB', 'GiB'];
	if (bytes < 1024) return `${bytes} bytes`;
	let value = bytes;
	let unit = 'bytes';
	for (const next of units) {
		if (value < 1024) break;
		value /= 1024;
		unit = next;
	}
	return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

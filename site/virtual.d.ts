declare module 'virtual:halflife/config' {
	/** Absolute folder of the generated build data. */
	export const buildDir: string;
	/** Site title. */
	export const title: string;
	/** Most neighbours a service's diagram draws. */
	export const maxDiagramNeighbours: number;
}

/** One view of the system: the same model read for one role. */
export interface View {
	/** Its page, under `/views/`. */
	slug: 'services' | 'reliability' | 'data-flows' | 'entry-points';
	/** Its heading and link text. */
	title: string;
	/** Who reads it first, as it reads inside a sentence. */
	role: string;
	/** The question it answers, for the index and the start page. */
	question: string;
}

/** The views, in the order the index and every view's links list them. */
export const VIEWS: readonly View[] = [
	{ slug: 'services', title: 'Services and owners', role: 'backend engineers', question: 'What exists today, who owns it, and what it calls.' },
	{ slug: 'reliability', title: 'Reliability', role: 'SREs and on-call engineers', question: 'Where calls fail or slow down, what moved since the last build, and who is paged.' },
	{ slug: 'data-flows', title: 'Data flows', role: 'data teams', question: 'Who writes each table and topic, who reads it, and who shares it without knowing.' },
	{ slug: 'entry-points', title: 'Entry points and egress', role: 'security engineers', question: 'Where traffic enters, which outside hosts are called, and what stands between the outside and the data.' },
];

/** The site path of a view's page. */
export const viewPath = (view: Pick<View, 'slug'>): string => `/views/${view.slug}/`;

import { z } from 'astro/zod';

/** Where the pages' "Edit" links lead: the repository that holds the content folder. */
export const editLinkOptionsSchema = z.strictObject({
	/**
	 * The address that, followed by a file's path relative to the content folder, opens that file for
	 * editing, such as `https://github.com/org/kb/edit/main/content/`. Only `http` and `https`; a
	 * missing final slash is added. Unset (null), pages name their files without a link.
	 */
	baseUrl: z
		.url({ protocol: /^https?$/, message: 'must be an http or https address, such as https://github.com/org/kb/edit/main/content/' })
		.transform((url) => (url.endsWith('/') ? url : `${url}/`))
		.nullable()
		.default(null),
});

/** Edit link options with defaults filled. */
export type EditLinkOptions = z.output<typeof editLinkOptionsSchema>;

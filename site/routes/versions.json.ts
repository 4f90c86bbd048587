import type { APIRoute } from 'astro';
import { history } from '../lib/build-data.ts';

/** Every published build up to this one, for tools and for the next build to read. */
export const GET: APIRoute = () => new Response(`${JSON.stringify(history, null, '\t')}\n`);

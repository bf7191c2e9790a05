/** Live changes: stores that announce their writes, and the feeds that carry the news. */
export * from './feed.ts';
export * from './observed-store.ts';

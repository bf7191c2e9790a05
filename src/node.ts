/** `chatkit-local/node`: serve the handler from Node's `http` module. */
export { toNodeListener, toWebRequest } from './http/node.ts';

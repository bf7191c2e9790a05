/**
 * The demo-only route for the user's data (export, import, delete everything). Like the settings
 * route it sits under the ChatKit URL, so the page's fetch shim sends it to the worker, which answers
 * it before the ChatKit handler; it never reaches the network.
 */
export const DATA_PATH = '/chatkit/demo/data';

import { test, expect } from 'vitest';
import { ThreadStreamEvent, eventToJson, toThreadResponse, ThreadMetadata, parseRequest, ThreadItem, itemToJson } from '../../src/protocol/index.ts';
test('x', () => {
  const e = ThreadStreamEvent.parse({type:'thread.item.done', item:{id:'a1',thread_id:'t',created_at:'2025-01-01T00:00:00',type:'assistant_message',content:[{text:'Hi'}]}});
  console.log(eventToJson(e));
  const t = ThreadMetadata.parse({id:'t', created_at:'2025-01-02T03:04:05', status:{type:'closed',reason:'done'}, title:'x', allowed_image_domains:['a.com'], metadata:{a:1}});
  console.log(eventToJson(ThreadStreamEvent.parse({type:'thread.updated', thread: toThreadResponse(t)})));
  console.log(itemToJson(ThreadItem.parse({"id":"m","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"user_message","content":[{"type":"input_text","text":"hi "},{"type":"input_tag","id":"ent","text":"Doc","data":{"k":1}}],"attachments":[{"id":"atc","name":"a.png","mime_type":"image/png","thread_id":"t","type":"image","preview_url":"https://p/", metadata:{x:1}},{"id":"f","name":"f.txt","mime_type":"text/plain","type":"file"}],"inference_options":{"tool_choice":{"id":"tool"},"model":"m"}})));
  console.log(itemToJson(ThreadItem.parse({"id":"w1","thread_id":"thr_c528af7e","created_at":"2025-01-02T03:04:05","type":"widget","widget":{"type":"Card","padding":null,"children":[{"type":"Text","value":"x", color: null},{"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"k":1},"handler":"server","loadingBehavior":"auto","streaming":true}}]},"copy_text":"copy"})));
  console.log(itemToJson(ThreadItem.parse({"id":"wf_1","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"workflow","workflow":{"type":"reasoning","tasks":[{"type":"thought","content":"c"},{"type":"custom","title":"x","icon":"search"},{"type":"web_search","queries":["q"],"sources":[{"title":"A","type":"url","url":"https://a"}]}],"summary":{"duration":3}}})));
  console.log(itemToJson(ThreadItem.parse({"id":"c","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"client_tool_call","call_id":"call","name":"n","arguments":{a:null}, output: null})));
  for (const b of ['{"type":"threads.list"}', '{"type":"x","params":{}}', '{"type":"threads.create","params":{"input":{"content":[{"type":"input_text"}],"attachments":[],"inference_options":{}}}}', 'nope', '']) {
    try { parseRequest(b); } catch (e) { console.log((e as Error).message); }
  }
  console.log(JSON.stringify(parseRequest('{"type":"threads.list","params":{},"extra":1}')));
});

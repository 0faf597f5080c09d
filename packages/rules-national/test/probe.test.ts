import { it } from 'vitest';
import { checkAll, cleanReport, clean2019Report, edit, setCell, setProblem, removeRow } from './report-builder.js';
const show = async (name: string, r: any) => console.log(name, JSON.stringify(await checkAll(r), null, 0));
it('probe', async () => {
  await show('blank-addend', edit((r) => setCell(r, 'requests.denied.stateSecret.naturalPerson', null)));
  await show('order', edit((r) => { r.sections = [r.sections[5]!, ...r.sections.slice(0,5)]; }));
  await show('review-group-missing', edit((r) => removeRow(r, 'review.litigationAfterReconsideration')));
  await show('change-invalid', edit((r) => setProblem(r, 'active.licensing.change', '1.5', '“1.5”不是整数', 1.5), clean2019Report));
  await show('2019 on 2022', edit((r) => { r.meta.year = 2022; r.meta.titleYear = 2022; }, clean2019Report));
  await show('fee blank', edit((r) => setCell(r, 'fees.noticeCount', null)));
  await show('negative', edit((r) => setProblem(r, 'requests.granted.naturalPerson', '-40', '“-40”是负数', -40)));
  await show('review total', edit((r) => setCell(r, 'review.reconsideration.total', 7)));
});

import { expect, test, type Page } from '@playwright/test';
import { createSourceKey, figure, hotlineReport, openAs, openAsWall, reportCase } from './support/cases.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  // A weekday morning in Shaoyang (working hours, no midnight in sight), and only the cases
  // this test makes: the simulator and its duty crew are off, so every KPI change is ours.
  server = await startServerProcess({ SIMULATOR: 'off', SIM_START: '2026-11-27T10:00:00+08:00', CASE_TICK_MS: '1000' });
});

test.afterAll(async () => {
  await server?.stop();
});

attachServerOutputOnFailure(() => server);

const detail = (page: Page) => page.getByTestId('detail');
const stateOf = (page: Page) => detail(page).getByTestId('state').first();

/** Today's count on the board's hot-issues row for a category or place; 0 when it has no row. */
async function hotToday(board: Page, column: 'hot-categories' | 'hot-divisions', name: string): Promise<number> {
  const row = board.getByTestId('board-hot').getByTestId(column).getByTestId('hot-row').filter({ hasText: name });
  return (await row.count()) === 0 ? 0 : Number(await row.locator('.db-hot__today').innerText());
}

/** "closed/due" from the closure-rate tile's basis line ("3/4 应结案"). */
async function closureBasis(board: Page): Promise<[number, number]> {
  const text = await board.getByTestId('kpi-closure-rate').locator('.db-kpi__basis').innerText();
  const m = /(\d+)\/(\d+)/.exec(text);
  expect(m, `closure basis "${text}"`).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

test('a 12345 case goes from intake to closure across the console, the department desk and the wall board', async ({ browser, request }) => {
  const key = await createSourceKey(request, server.url);
  const officer = await openAs(browser, server.url, 'officer', '/console');
  const dept = await openAs(browser, server.url, 'cgj', '/department');
  const wall = await openAsWall(browser, request, server.url, '/wall/dispatch?playlist=off');
  const board = wall.page;

  await expect(board.getByTestId('dispatch-board')).toBeVisible();
  await expect(board.getByTestId('health')).toHaveAttribute('data-health', /^(live|degraded)$/);
  await expect(board.getByTestId('kpi-closed-today').locator('strong')).toHaveText(/^\d+$/);
  const closedBefore = await figure(board, 'kpi-closed-today');
  const openedBefore = await figure(board, 'kpi-opened-today');
  const [closedCases, dueCases] = await closureBasis(board);
  const hotBefore = [await hotToday(board, 'hot-categories', '市容环境'), await hotToday(board, 'hot-divisions', '双清区')];
  const openedFigure = board.getByTestId('kpi-opened-today').locator('strong');
  const cueBefore = await openedFigure.getAttribute('data-changed');
  await expect(officer.page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');

  // The 12345 system reports a case with its data-source key; the wall shows it within 2 s.
  const title = `宝庆中路垃圾满溢无人清运 ${Date.now().toString(36)}`;
  const reported = await reportCase(request, server.url, key, hotlineReport(title));
  await expect(board.getByTestId('board-latest').getByText(title)).toBeVisible();
  await expect(openedFigure).toHaveText(String(openedBefore + 1));
  // The changed figure is cued; the hot issues count the report under its category and place;
  // it waits for intake among the oldest-waiting cases (the simulator is off: only ours).
  await expect.poll(() => openedFigure.getAttribute('data-changed')).not.toBe(cueBefore);
  await expect.poll(async () => [await hotToday(board, 'hot-categories', '市容环境'), await hotToday(board, 'hot-divisions', '双清区')]).toEqual([hotBefore[0]! + 1, hotBefore[1]! + 1]);
  await expect(board.getByTestId('board-waiting').getByTestId('waiting-item').filter({ hasText: title })).toContainText('上报 · 双清区');

  // The duty officer finds it in the incoming queue and opens it: the reporter shows here (not on walls).
  const o = officer.page;
  await o.getByTestId('view-incoming').click();
  const row = o.getByTestId('queue-row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await row.click();
  await expect(detail(o)).toHaveAttribute('data-case-id', reported.id);
  await expect(stateOf(o)).toHaveText('上报');
  await expect(o.getByTestId('case-reporter')).toContainText('张先生');
  await expect(o.getByTestId('action-register')).toContainText('1');

  // 1 registers (the form confirms the classification; Enter sends it), 1 again dispatches to 城管局.
  await o.keyboard.press('1');
  await expect(o.getByTestId('action-form')).toHaveAttribute('data-action', 'register');
  await o.keyboard.press('Enter');
  await expect(stateOf(o)).toHaveText('立案');
  await o.keyboard.press('1');
  await expect(o.getByTestId('action-form')).toHaveAttribute('data-action', 'dispatch');
  await o.getByTestId('form-department').selectOption('cgj');
  await o.keyboard.press('Enter');
  await expect(stateOf(o)).toHaveText('派遣');
  await expect(o.getByTestId('case-department')).toHaveText('市城市管理和综合执法局');
  await expect(o.getByTestId('sla')).toHaveCount(2); // header light and the timers' light
  await expect(detail(o).getByTestId('sla').first()).toHaveAttribute('data-light', 'green');

  // 城管局 sees it on its own desk, without the reporter's personal data; signs for it, starts, feeds back.
  const d = dept.page;
  const deptRow = d.getByTestId('queue-row').filter({ hasText: title });
  await expect(deptRow).toBeVisible();
  await deptRow.click();
  await expect(detail(d)).toHaveAttribute('data-case-id', reported.id);
  await expect(d.getByTestId('case-reporter')).toHaveCount(0);
  await expect(d.getByTestId('action-acknowledge')).toBeVisible();
  await expect(d.getByTestId('action-dispatch')).toHaveCount(0);
  await d.keyboard.press('1');
  await expect(stateOf(d)).toHaveText('签收');
  await d.keyboard.press('1');
  await expect(stateOf(d)).toHaveText('处置');
  await d.keyboard.press('1');
  await expect(d.getByTestId('action-form')).toHaveAttribute('data-action', 'feedback');
  await d.getByTestId('form-comment').fill('已安排清运车辆，垃圾已清运完毕，现场恢复整洁。');
  await d.getByTestId('action-submit').click();
  await expect(stateOf(d)).toHaveText('反馈');

  // The officer's open case follows live; checking and closing are 1 and 1.
  await expect(stateOf(o)).toHaveText('反馈');
  await o.keyboard.press('1');
  await expect(stateOf(o)).toHaveText('核查');
  await o.keyboard.press('1');
  await expect(stateOf(o)).toHaveText('结案');
  const history = o.getByTestId('history-entry');
  await expect(history).toHaveCount(8);
  await expect(history.first()).toHaveAttribute('data-action', 'check_pass');
  await expect(o.getByTestId('history').getByText('已安排清运车辆，垃圾已清运完毕，现场恢复整洁。')).toBeVisible();

  // The wall's KPIs follow: one more closed today, one more due and closed, and the department ranked.
  await expect(board.getByTestId('kpi-closed-today').locator('strong')).toHaveText(String(closedBefore + 1));
  await expect.poll(() => closureBasis(board)).toEqual([closedCases + 1, dueCases + 1]);
  await expect(board.getByTestId('kpi-closure-rate').locator('strong')).toHaveText('100.0%');
  await expect(board.getByTestId('board-ranking').getByTestId('rank-row').filter({ hasText: '市城市管理和综合执法局' })).toContainText('100.0%');
  await expect(board.getByTestId('board-latest').getByTestId('latest-item').filter({ hasText: title })).toContainText('结案');

  expect(officer.errors).toEqual([]);
  expect(dept.errors).toEqual([]);
  expect(wall.errors).toEqual([]);
  await Promise.all([officer.context.close(), dept.context.close(), wall.context.close()]);
});

test('of two officers acting on the same case, the second is told it changed meanwhile and shown its current state', async ({ browser, request }) => {
  const key = await createSourceKey(request, server.url, '12345热线系统（冲突测试）');
  const title = `东风路占道经营 ${Date.now().toString(36)}`;
  const c = await reportCase(request, server.url, key, hotlineReport(title, { category: 'street_order' }));
  const first = await openAs(browser, server.url, 'officer', `/console/${c.id}`);
  const second = await openAs(browser, server.url, 'officer', `/console/${c.id}`);
  const a = first.page;
  const b = second.page;
  await expect(detail(a)).toHaveAttribute('data-version', '1');
  await expect(detail(b)).toHaveAttribute('data-version', '1');

  // B starts registering it as urgent…
  await b.keyboard.press('1');
  await expect(b.getByTestId('action-form')).toHaveAttribute('data-action', 'register');
  await b.getByTestId('form-urgency').selectOption('urgent');

  // …while A registers it as reported.
  await a.keyboard.press('1');
  await a.keyboard.press('Enter');
  await expect(stateOf(a)).toHaveText('立案');

  // B's screen follows and warns before B even sends; the server refuses B's stale command.
  await expect(stateOf(b)).toHaveText('立案');
  await expect(b.getByTestId('form-stale')).toBeVisible();
  await b.getByTestId('action-submit').click();
  const conflict = b.getByTestId('conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('此案件刚被他人修改');
  await expect(conflict).toHaveAttribute('data-code', 'version_conflict');

  // Nothing was overwritten: one registration, the urgency A left, and B sees the case as it is now.
  await expect(b.getByTestId('action-form')).toHaveCount(0);
  await expect(detail(b)).toHaveAttribute('data-version', '2');
  await expect(b.getByTestId('history-entry').and(b.locator('[data-action="register"]'))).toHaveCount(1);
  await expect(detail(b).locator('.urgency').first()).toHaveText('一般');
  await expect(b.getByTestId('action-dispatch')).toBeVisible();

  // A stale command is also refused when sent straight to the server (a second tab, a script).
  const stale = await b.request.post(`${server.url}/api/v1/cases/${c.id}/commands`, { data: { caseId: c.id, expectedVersion: 1, action: 'void', comment: 'duplicate' } });
  expect(stale.status()).toBe(409);

  expect(first.errors).toEqual([]);
  // The refused command shows in the browser's console as one failed request (409), and nothing else.
  expect(second.errors).toEqual([expect.stringContaining('409')]);
  await Promise.all([first.context.close(), second.context.close()]);
});

test('the wall’s rotation brings the dispatch board between the city’s pages, in the wall’s frame', async ({ browser, request }) => {
  const wall = await openAsWall(browser, request, server.url, '/wall?playlist=overview:3,dispatch:3');
  const page = wall.page;
  await expect(page.getByTestId('wall')).toHaveAttribute('data-page', 'overview');
  await expect(page.getByTestId('wall')).toHaveAttribute('data-page', 'dispatch');
  await expect(page).toHaveURL(/\/wall\/dispatch\?playlist=/);
  await expect(page.getByTestId('dispatch-board')).toBeVisible();
  await expect(page.getByTestId('rotation')).toHaveText(/事件分拨/);
  await expect(page.getByTestId('kpi-opened-today').locator('strong')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('wall')).toHaveAttribute('data-page', 'overview');
  expect(wall.errors).toEqual([]);
  await wall.context.close();
});

test('a department handler, who may see only its own cases, gets no dispatch board on the wall', async ({ browser }) => {
  const dept = await openAs(browser, server.url, 'cgj', '/wall/dispatch?playlist=off');
  await expect(dept.page.getByTestId('no-screen')).toBeVisible();
  await expect(dept.page.getByTestId('dispatch-board')).toHaveCount(0);
  await dept.context.close();
});

test('a hotline agent closes an inquiry on the call (在线办结), and the month’s assessment opens from the console', async ({ browser, request }) => {
  const key = await createSourceKey(request, server.url, '12345热线系统（在线办结）');
  const title = `咨询公积金提取材料 ${Date.now().toString(36)}`;
  const c = await reportCase(request, server.url, key, hotlineReport(title, { requestType: 'inquiry' }));
  const officer = await openAs(browser, server.url, 'officer', `/console/${c.id}`);
  const o = officer.page;
  await expect(stateOf(o)).toHaveText('上报');
  await o.getByTestId('action-close_on_call').click();
  await expect(o.getByTestId('action-form')).toHaveAttribute('data-action', 'close_on_call');
  await o.getByTestId('form-answer').fill('已告知需携带身份证和缴存证明到公积金中心办理');
  await o.getByTestId('action-submit').click();
  await expect(stateOf(o)).toHaveText('结案');
  await expect(o.getByTestId('history-entry').and(o.locator('[data-action="close_on_call"]'))).toHaveCount(1);

  await o.getByTestId('assessment-open').click();
  await expect(o.getByTestId('assessment-month')).toHaveValue('2026-11');
  await expect(o.getByTestId('assessment-centre')).toBeVisible();
  await expect(o.getByTestId('assessment-xlsx')).toHaveAttribute('href', '/api/v1/dispatch/assessment/2026-11/xlsx');
  expect(officer.errors).toEqual([]);
  await officer.context.close();
});

import { alertRank, reconcileAlerts } from './reconcile';

const open = (id: string, scope: string, subjectId: string, level: 'predicted_over' | 'over' | 'over_twice' | 'ping_pong') => ({ id, scope, subjectId, level });
const want = (level: 'predicted_over' | 'over' | 'over_twice' | 'ping_pong', name: string) => ({ level, name });

describe('reconcileAlerts', () => {
  it('raises what is wanted and not open, clears what is open and not wanted, escalates what is wanted higher', () => {
    const a = open('1', 'category', 'c1', 'predicted_over');
    const b = open('2', 'ticket', 't1', 'over');
    const c = open('3', 'ticket', 't2', 'over_twice');
    const d = open('4', 'transfers', 't3', 'ping_pong');
    const wanted = new Map([
      ['ticket:t9', want('over', 'new one')],
      ['category:c1', want('over', 'line higher')],
      ['ticket:t2', want('over', 'lower: stays')],
      ['transfers:t3', want('ping_pong', 'same')],
      ['ticket:t8', want('predicted_over', 'another new one')],
    ]);
    expect(reconcileAlerts([a, b, c, d], wanted)).toEqual({
      escalate: [{ alert: a, to: want('over', 'line higher') }],
      clear: [b],
      raise: [want('over', 'new one'), want('predicted_over', 'another new one')],
    });
  });

  it('has nothing to do when open and wanted agree, and clears everything when nothing is wanted', () => {
    const a = open('1', 'ticket', 't1', 'over');
    expect(reconcileAlerts([a], new Map([['ticket:t1', want('over', 'x')]]))).toEqual({ escalate: [], clear: [], raise: [] });
    expect(reconcileAlerts([a], new Map())).toEqual({ escalate: [], clear: [a], raise: [] });
    expect(reconcileAlerts([], new Map())).toEqual({ escalate: [], clear: [], raise: [] });
  });

  it('ranks the levels, a ping-pong flag lowest', () => {
    expect(alertRank('ping_pong')).toBe(0);
    expect(alertRank('predicted_over')).toBe(0);
    expect(alertRank('over')).toBeLessThan(alertRank('over_twice'));
  });
});

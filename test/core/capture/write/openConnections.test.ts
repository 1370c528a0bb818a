import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpenConnections } from '../../../../src/core/capture/write/openConnections';

test('the oldest is the one used longest ago; using one makes it the newest', () => {
  const open = new OpenConnections<string, number>();
  open.set('a', 1);
  open.set('b', 2);
  open.set('c', 3);
  assert.deepEqual(open.oldest(), ['a', 1]);
  assert.equal(open.use('a'), 1);
  assert.deepEqual(open.oldest(), ['b', 2]);
  assert.deepEqual([...open.values()], [2, 3, 1]);
  assert.equal(open.delete('b'), true);
  assert.equal(open.delete('b'), false);
  assert.equal(open.use('b'), undefined);
  open.set('c', 30);
  assert.deepEqual([...open.values()], [1, 30]);
  assert.equal(open.size, 2);
  open.delete('a');
  open.delete('c');
  assert.equal(open.oldest(), undefined);
  assert.deepEqual([...open.values()], []);
});

test('property: it keeps the order an array of last uses keeps, through any mix of operations', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const open = new OpenConnections<number, number>();
  const model: number[] = []; // keys, oldest first
  for (let step = 0; step < 20_000; step++) {
    const key = random(50);
    switch (random(4)) {
      case 0:
      case 1: {
        const had = model.indexOf(key);
        if (had >= 0) model.splice(had, 1);
        model.push(key);
        open.set(key, key);
        break;
      }
      case 2: {
        const had = model.indexOf(key);
        if (had >= 0) {
          model.splice(had, 1);
          model.push(key);
        }
        assert.equal(open.use(key), had >= 0 ? key : undefined);
        break;
      }
      default: {
        const had = model.indexOf(key);
        if (had >= 0) model.splice(had, 1);
        assert.equal(open.delete(key), had >= 0);
      }
    }
    assert.equal(open.size, model.length);
    assert.equal(open.oldest()?.[0], model[0]);
  }
  assert.deepEqual([...open.values()], model);
});

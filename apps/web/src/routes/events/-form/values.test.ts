import { describe, expect, it } from 'vitest';
import { EMPTY_EVENT, eventFormValuesOf, idParam, newEventSearch, newEventValues } from './values.ts';

const ID = '0b7e5a8e-8f0e-4c3e-9d5a-1a2b3c4d5e6f';

describe('event form values', () => {
  it('starts a new event empty, or linked to the project it was opened from', () => {
    expect(newEventValues()).toEqual({ ...EMPTY_EVENT, projectIds: [] });
    expect(newEventValues(ID).projectIds).toEqual([ID]);
    // No type and no date are guessed: the schema asks for them.
    expect(newEventValues()).not.toHaveProperty('type');
    expect(newEventValues()).not.toHaveProperty('date');
  });

  it('fills the fields a stored record lacks', () => {
    expect(eventFormValuesOf({ title: 'Forum', date: '2018-04-20' })).toMatchObject({
      title: 'Forum',
      date: '2018-04-20',
      datePrecision: 'day',
      projectIds: [],
      sources: [],
    });
  });

  it('takes a project id from the URL and drops anything else', () => {
    expect(newEventSearch({ projectId: ID })).toEqual({ projectId: ID });
    expect(newEventSearch({ projectId: 'not-an-id' })).toEqual({});
    expect(newEventSearch({ projectId: 42 })).toEqual({});
    expect(idParam(ID.toUpperCase())).toBe(ID);
  });
});

// The operator form's reservations: rows of (address, amount in SESH), added and removed freely;
// checked by reservations.ts when the form is sent.
import { h } from '../dom';
import type { ReservationRow } from '../reservations';

export function reservationFields() {
  const rows = h('div', { 'data-testid': 'reservations' });
  const add = h('button', { type: 'button', 'data-testid': 'add-reservation' }, 'Add a reservation');
  const addRow = (): void => {
    const address = h('input', { placeholder: 'staker address 0x…', size: 44, 'data-testid': 'reservation-address' });
    const amount = h('input', { placeholder: 'SESH', size: 14, inputmode: 'decimal', 'data-testid': 'reservation-amount' });
    const remove = h('button', { type: 'button', 'data-testid': 'remove-reservation' }, 'Remove');
    const row = h('div', { class: 'row', 'data-testid': 'reservation' }, address, amount, remove);
    remove.addEventListener('click', () => row.remove());
    rows.append(row);
  };
  add.addEventListener('click', addRow);
  const el = h('fieldset', {},
    h('legend', {}, 'Reservations (optional)'),
    h('p', {}, 'A reserved staker pays at least its amount and keeps its slot; together they leave at least the operator\'s stake (a quarter or more) and one slot for the operator. They can change only before the operator\'s first deposit.'),
    rows, add);
  return {
    el,
    values(): ReservationRow[] {
      return [...rows.querySelectorAll<HTMLElement>('[data-testid=reservation]')].map((row) => ({
        address: row.querySelector<HTMLInputElement>('[data-testid=reservation-address]')!.value,
        amount: row.querySelector<HTMLInputElement>('[data-testid=reservation-amount]')!.value,
      }));
    },
  };
}

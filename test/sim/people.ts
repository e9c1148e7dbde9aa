/** The people and companies of the simulated world. NIPs and PESELs pass their checksums. */
export const USER = {
  nip: '5265877635',
  name: 'Piekarnia Kowalscy sp. z o.o.',
  ownerPesel: '15062788702',
  ownerFirstName: 'Jan',
  ownerLastName: 'Kowalski',
} as const;

export const PROVIDER = { nip: '7762811692', name: 'Fakturowo sp. z o.o.', product: 'Fakturowo' } as const;

export const ACCOUNTANT = { pesel: '22271569167', firstName: 'Anna', lastName: 'Nowak' } as const;

export const OFFICE = { nip: '3568707925', name: 'Biuro Rachunkowe Bilans sp. z o.o.' } as const;

import type { Random } from './random.js';

// Drawn from the names common across the UK today and in earlier generations: English, Scottish,
// Welsh, Irish, South Asian, African, Caribbean, East Asian, Polish, Arabic and Somali families.
// prettier-ignore
export const FEMALE_FIRST_NAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Sophia', 'Grace', 'Lily', 'Freya', 'Emily',
  'Poppy', 'Charlotte', 'Evie', 'Harriet', 'Margaret', 'Patricia', 'Susan', 'Elizabeth', 'Jean',
  'Eileen', 'Siobhán', 'Niamh', 'Aoife', 'Catrin', 'Seren', 'Eilidh', 'Morag', 'Priya', 'Aisha',
  'Fatima', 'Zainab', 'Amara', 'Chiamaka', 'Abena', 'Nia', 'Mei', 'Agnieszka', 'Zofia',
  'Yasmin', 'Leila', 'Hannah', 'Rebecca', 'Chloe', 'Maryam', 'Anjali', 'Zoë', 'Hodan', 'Sinéad',
] as const;

// prettier-ignore
export const MALE_FIRST_NAMES = [
  'Oliver', 'George', 'Harry', 'Noah', 'Jack', 'Leo', 'Arthur', 'Muhammad', 'Oscar', 'Charlie',
  'Jacob', 'Thomas', 'James', 'William', 'David', 'John', 'Robert', 'Michael', 'Peter', 'Alan',
  'Graham', 'Callum', 'Hamish', 'Angus', 'Rhys', 'Dylan', 'Gethin', 'Ciarán', 'Declan', 'Seán',
  'Arjun', 'Rohan', 'Vikram', 'Imran', 'Hassan', 'Omar', 'Yusuf', 'Kwame', 'Chidi', 'Tunde',
  'Kofi', 'Wei', 'Jun', 'Tomasz', 'Piotr', 'Luca', 'Samuel', 'Daniel', 'Joshua', 'Abdirahman',
] as const;

// prettier-ignore
export const SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas',
  'Roberts', 'Johnson', 'Lewis', 'Walker', 'Robinson', 'Wood', 'Thompson', 'White', 'Watson',
  'Jackson', 'Wright', 'Green', 'Harris', 'Cooper', 'King', 'Lee', 'Martin', 'Clarke', 'Morgan',
  'Hughes', 'Edwards', 'Hill', 'Moore', 'Harrison', 'Scott', 'Young', 'Morris', 'Hall', 'Ward',
  'Turner', 'Carter', 'Phillips', 'Mitchell', 'Patel', 'Shah', 'Khan', 'Ahmed', 'Hussain', 'Ali',
  'Begum', 'Singh', 'Kaur', 'Sharma', 'Chowdhury', 'Rahman', 'Iqbal', 'Okafor', 'Adeyemi',
  'Mensah', 'Asante', 'Okoye', 'Campbell', 'MacDonald', 'Stewart', 'Murray', 'Fraser', 'Reid',
  "O'Brien", 'Murphy', 'Kelly', 'Byrne', 'Doyle', 'Llewellyn', 'Pritchard', 'Price', 'Nowak',
  'Kowalczyk', 'Chen', 'Wang', 'Zhang', 'Nguyen', 'Tran', 'Kim', 'Rossi', 'Costa', 'Silva',
  'Santos', 'Yilmaz', 'Haddad', 'Ibrahim', 'Abdi', 'Mohamed', 'Warsame',
] as const;

export type Gender = 'male' | 'female' | 'other';

export function pickFirstName(random: Random, gender: Gender): string {
  if (gender === 'female') return random.pick(FEMALE_FIRST_NAMES);
  if (gender === 'male') return random.pick(MALE_FIRST_NAMES);

  return random.pick(random.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
}

export function pickSurname(random: Random): string {
  return random.pick(SURNAMES);
}

import { PGlite } from '@electric-sql/pglite';

/**
 * The sample ERP's own database: PGlite (PostgreSQL in WebAssembly), in memory by default or in
 * a directory (`dataDir`) so that entered orders survive a restart. Amounts are `numeric`
 * columns answered as decimal strings ("12500.00"), as a real ERP's API gives them; order times
 * are kept as `timestamptz` and answered the way many ERPs do: the entry time as a naive local
 * time of the company's zone, the last change as an ISO instant in UTC.
 */

/** The company's time zone: `date_order` is answered as naive local time in it. */
export const ERP_TIME_ZONE = 'Asia/Shanghai';

/** Order states of the sample ERP. */
export const ORDER_STATES = ['draft', 'confirmed', 'done', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

const SCHEMA = `
create table if not exists customers (
  id serial primary key,
  code text not null unique,
  name text not null,
  currency text not null default 'CNY',
  credit_limit numeric(14,2),
  tags text[] not null default '{}',
  payment_term text not null default 'NET30',
  credit_evaluated_on date,
  note text not null default '',
  write_date timestamptz not null default now()
);
create table if not exists products (
  id serial primary key,
  code text not null unique,
  name text not null,
  specification text not null default '',
  list_price numeric(14,2) not null,
  tax_rate numeric(5,2) not null default 13,
  special boolean not null default false,
  custom_made boolean not null default false
);
create table if not exists orders (
  id serial primary key,
  name text not null unique,
  state text not null default 'draft' check (state in ('draft','confirmed','done','cancelled')),
  customer_id int not null references customers,
  client_ref text not null default '',
  currency text not null default 'CNY',
  payment_terms text not null default '',
  requested_date date,
  channel text not null default 'written' check (channel in ('written','verbal')),
  salesperson text not null,
  contact_name text not null default '',
  contact_phone text not null default '',
  contact_email text not null default '',
  ship_street text not null default '',
  ship_city text not null default '',
  ship_zip text not null default '',
  ship_country text not null default '',
  invoice_title text not null default '',
  tax_id text not null default '',
  technical_complexity boolean not null default false,
  urgent boolean not null default false,
  invoiced boolean not null default false,
  locked boolean not null default false,
  cancel_requested text,
  note text not null default '',
  date_order timestamptz not null default now(),
  write_date timestamptz not null default now()
);
create index if not exists orders_write_date on orders (write_date, id);
create index if not exists orders_customer on orders (customer_id);
create table if not exists order_lines (
  id serial primary key,
  order_id int not null references orders on delete cascade,
  seq int not null,
  product_id int references products,
  name text not null,
  specification text not null default '',
  qty numeric(12,3) not null,
  price_unit numeric(14,2) not null,
  discount numeric(5,2) not null default 0,
  tax_rate numeric(5,2) not null default 13
);
create index if not exists order_lines_order on order_lines (order_id, seq);
create table if not exists order_notes (
  id serial primary key,
  order_id int not null references orders on delete cascade,
  author text not null,
  body text not null,
  idempotency_key text unique,
  created timestamptz not null default now()
);
create table if not exists customer_notes (
  id serial primary key,
  customer_id int not null references customers,
  author text not null,
  body text not null,
  idempotency_key text unique,
  created timestamptz not null default now()
);
create table if not exists invoices (
  id serial primary key,
  name text not null unique,
  customer_id int not null references customers,
  currency text not null default 'CNY',
  amount_total numeric(14,2) not null,
  amount_residual numeric(14,2) not null,
  date_invoice date not null,
  date_due date not null,
  state text not null default 'open' check (state in ('open','paid'))
);
create index if not exists invoices_customer on invoices (customer_id, state);
`;

/**
 * Opens (and creates when new) the sample ERP's database.
 *
 * @example
 * const db = await openErpDatabase();            // in memory
 * const kept = await openErpDatabase('.erp-data'); // in a directory
 */
export async function openErpDatabase(dataDir?: string): Promise<PGlite> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.exec(SCHEMA);
  return db;
}

"""Open data (开放数据): the published portfolio as a Frictionless data package (CSV and Parquet)."""

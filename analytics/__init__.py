"""Data, SQL, import and metric logic of the Shishan dashboard. Never imports streamlit."""

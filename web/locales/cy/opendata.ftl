# opendata

# residency

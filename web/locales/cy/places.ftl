# places
